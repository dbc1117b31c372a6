package org.safecase.query.sanction;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(RepeatProperties.class)
class SanctionsConfiguration {
}
