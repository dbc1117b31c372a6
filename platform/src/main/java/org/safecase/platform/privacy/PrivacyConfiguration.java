package org.safecase.platform.privacy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The privacy database, the key-encryption keys and the data keys: the same in both services. */
@Configuration
@EnableConfigurationProperties(PrivacyProperties.class)
class PrivacyConfiguration {

    @Bean(destroyMethod = "close")
    PrivacyDatabase privacyDatabase(PrivacyProperties properties) {
        return new PrivacyDatabase(properties.datasource(), properties.migrate());
    }

    @Bean
    @ConditionalOnMissingBean
    KeyEncryptionKeys keyEncryptionKeys(PrivacyProperties properties) {
        return new ConfiguredKeyEncryptionKeys(properties.kek(), properties.previousKeks());
    }

    @Bean
    DataKeys dataKeys(PrivacyDatabase database, KeyEncryptionKeys keks, PrivacyProperties properties) {
        return new DataKeys(database, keks, properties.keyCacheTtl(), properties.keyCacheSize());
    }

    @Bean
    PersonalData personalData(DataKeys keys, PrivacyDatabase database) {
        return new PersonalData(keys, database);
    }
}
