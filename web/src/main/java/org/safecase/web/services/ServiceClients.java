package org.safecase.web.services;

import org.safecase.web.WebProperties;
import org.safecase.web.security.CredentialRelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP client per service, each call carrying the signed-in user's identity through the {@link CredentialRelay}
 * and turning a refusal into a {@link ServiceProblem}: the one place the web application reads problem+json.
 */
@Configuration
class ServiceClients {

    @Bean
    RestClient commandClient(WebProperties properties, CredentialRelay relay, JsonMapper json) {
        return client(properties.commandUrl(), properties, relay, json);
    }

    @Bean
    RestClient queryClient(WebProperties properties, CredentialRelay relay, JsonMapper json) {
        return client(properties.queryUrl(), properties, relay, json);
    }

    private static RestClient client(URI baseUrl, WebProperties properties, CredentialRelay relay, JsonMapper json) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.serviceTimeout());
        requests.setReadTimeout(properties.serviceTimeout());
        return RestClient.builder()
                .baseUrl(baseUrl.toString())
                .requestFactory(requests)
                .requestInterceptor((request, body, execution) -> {
                    relay.authorise(request.getHeaders());
                    return execution.execute(request, body);
                })
                .defaultStatusHandler(HttpStatusCode::is4xxClientError, (request, response) -> {
                    throw problem(response, json);
                })
                .build();
    }

    static ServiceProblem problem(ClientHttpResponse response, JsonMapper json) throws IOException {
        int status = response.getStatusCode().value();
        JsonNode body;
        try {
            body = json.readTree(response.getBody());
        } catch (JacksonException notProblemJson) {
            return new ServiceProblem(status, null, List.of(), List.of());
        }
        String rule = body.path("rule").isString() ? body.path("rule").asString() : null;
        List<ServiceProblem.FieldProblem> fields = new ArrayList<>();
        body.path("errors").forEach(error -> fields.add(
                new ServiceProblem.FieldProblem(error.path("field").asString(""), error.path("message").asString(""))));
        List<String> unmet = new ArrayList<>();
        body.path("unmetRequirements").forEach(requirement -> unmet.add(requirement.asString("")));
        return new ServiceProblem(status, rule, fields, unmet);
    }
}
