package org.safecase.web.layout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

/**
 * GOV.UK Frontend from its WebJar: the stylesheet and the script, under {@code /govuk/}. The package's
 * {@code assets} are not served: its typeface (GDS Transport), crest and crown icons may be used only by services
 * on GOV.UK. The stylesheet's font stack then falls back to Arial, the typeface GOV.UK Frontend names for
 * services elsewhere, and the pages' icon is Safecase's own.
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
        registry.addResourceHandler("/govuk/{file:govuk-frontend\\.min\\.(?:css|js)}")
                .addResourceLocations(distribution).setCacheControl(aDay);
    }
}
