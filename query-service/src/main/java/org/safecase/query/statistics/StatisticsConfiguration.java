package org.safecase.query.statistics;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(StatisticsProperties.class)
class StatisticsConfiguration {

    @Bean
    DisclosureControl disclosureControl(StatisticsProperties properties) {
        return new DisclosureControl(properties.threshold());
    }
}
