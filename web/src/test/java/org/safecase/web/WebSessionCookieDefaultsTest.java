package org.safecase.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Without any setting, the session cookie is Secure, HttpOnly and SameSite=Strict; only the local stack turns Secure off. */
class WebSessionCookieDefaultsTest {

    @Test
    void theSessionCookieIsSecureHttpOnlyAndStrictByDefault() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yml"));
        MutablePropertySources sources = new MutablePropertySources();
        yaml.forEach(sources::addLast);
        PropertySourcesPropertyResolver settings = new PropertySourcesPropertyResolver(sources);

        assertThat(settings.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
        assertThat(settings.getProperty("server.servlet.session.cookie.http-only")).isEqualTo("true");
        assertThat(settings.getProperty("server.servlet.session.cookie.same-site")).isEqualTo("strict");
    }
}
