package org.safecase.platform.http;

import org.safecase.platform.problem.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How both services read request bodies: no larger than {@code safecase.http.max-body-bytes}, and
 * strictly, so that a mistyped or unexpected property ({@code offsite} for {@code offSite}) or a property
 * given twice is a 400 naming it instead of being dropped or overwritten in silence. Only request bodies:
 * the shared {@link JsonMapper} bean, with which the query service reads the event stream (envelopes
 * with fields added later must still decode), stays as tolerant as it was.
 */
@Configuration
@EnableConfigurationProperties(HttpProperties.class)
// after Boot's own MVC configuration (order 0), whose JSON converter this one replaces
@Order(Ordered.LOWEST_PRECEDENCE)
public class RequestBodies implements WebMvcConfigurer {

    private final JsonMapper requestBodyMapper;

    /**
     * The service's own mapper configuration (the Boot customisers of the shared mapper), on a parser that
     * refuses a document over the body limit, failing on unknown and duplicate properties.
     */
    RequestBodies(JsonFactory jsonFactory, ObjectProvider<JsonMapperBuilderCustomizer> customizers,
                  HttpProperties properties) {
        JsonFactory limited = jsonFactory.rebuild()
                .streamReadConstraints(jsonFactory.streamReadConstraints().rebuild()
                        .maxDocumentLength(properties.maxBodyBytes()).build())
                .build();
        JsonMapper.Builder builder = JsonMapper.builder(limited);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        this.requestBodyMapper = builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** First of all filters, so that nothing reads a body before its size is known. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(HttpProperties properties, ProblemResponses problems) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(properties.maxBodyBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before Spring's request context, the first to ask a request its locale. */
    @Bean
    FilterRegistrationBean<OneLocale> oneLocale() {
        FilterRegistrationBean<OneLocale> registration = new FilterRegistrationBean<>(new OneLocale());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** The API's JSON converter, in the place of Boot's (writing as it did: same configuration). */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.withJsonConverter(new JacksonJsonHttpMessageConverter(requestBodyMapper));
    }
}
