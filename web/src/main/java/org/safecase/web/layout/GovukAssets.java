package org.safecase.web.layout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

/**
 * GOV.UK Frontend from its WebJar. Its stylesheet names fonts and images by absolute paths under
 * {@code /assets/}, so that path serves the package's {@code dist/govuk/assets}; the stylesheet and the
 * script are served under {@code /govuk/}.
 */
@Configuration
class GovukAssets implements WebMvcConfigurer {

    private final String distribution;

    GovukAssets(@Value("${safecase.web.govuk-frontend-version}") String version) {
        this.distribution = "classpath:/META-INF/resources/webjars/govuk-frontend/" + version + "/dist/govuk/";
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        CacheControl aDay = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
        registry.addResourceHandler("/assets/**").addResourceLocations(distribution + "assets/").setCacheControl(aDay);
        registry.addResourceHandler("/govuk/{file:govuk-frontend\\.min\\.(?:css|js)}")
                .addResourceLocations(distribution).setCacheControl(aDay);
    }
}
