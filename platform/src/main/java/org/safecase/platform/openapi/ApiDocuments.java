package org.safecase.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.safecase.platform.security.AuthenticatedUser;
import org.springdoc.core.utils.SpringDocUtils;

/** The OpenAPI document of a service: its title and description, and the two ways to authenticate. */
public final class ApiDocuments {

    private ApiDocuments() {
    }

    public static OpenAPI document(String title, String description) {
        // the signed-in user is a controller argument resolved from the login, not a query parameter named user
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
        return new OpenAPI()
                .info(new Info().title(title).version("v1").description(description))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
