package org.safecase.platform.privacy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The privacy database: data keys, the subject index and the read log, in a database of their own.
 * Deliberately not a {@code DataSource} bean, so it never becomes a service's primary database. Its
 * schema is Flyway's ({@code db/privacy}); either service may apply it (Flyway locks), and in production
 * only the command service does, its login owning nothing the other may not touch.
 */
public final class PrivacyDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    PrivacyDatabase(PrivacyProperties.Datasource settings, boolean migrate) {
        if (settings == null || settings.url() == null || settings.url().isBlank()) {
            throw new IllegalStateException("safecase.privacy.datasource.url (SAFECASE_PRIVACY_DATASOURCE_URL) is not set");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("privacy");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        this.dataSource = new HikariDataSource(config);
        if (migrate) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/privacy").load().migrate();
        }
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
