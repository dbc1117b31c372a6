package org.safecase.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Safecase in the browser: pages for people, holding no data, calling the services as the signed-in user. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }

    /** The clock that prefills forms' dates and times; tests may fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
