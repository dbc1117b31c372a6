package org.safecase.platform.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Where the data keys live and what protects them.
 *
 * @param kek         the key-encryption key: 32 random bytes, Base64 (for example {@code openssl rand -base64 32}),
 *                    from the environment or a secrets file; never in the repository. It wraps every data key.
 * @param previousKeks keys that wrapped data keys before the last rotation: used to unwrap only
 * @param datasource  the privacy database (data keys, subject index, read log), apart from the event store
 *                    so that its backups can be kept for a shorter time: a destroyed key is gone from every
 *                    backup once the oldest backup that held it has expired
 * @param keyCacheTtl how long an unwrapped key is kept in memory; a key destroyed by another instance is
 *                    unusable here at the latest this long after
 * @param migrate     whether this service applies the privacy database's migrations; false where its login
 *                    has only the privileges of {@code deploy/postgres/privacy-grants.sql}
 */
@ConfigurationProperties("safecase.privacy")
public record PrivacyProperties(String kek, @DefaultValue List<String> previousKeks, Datasource datasource,
                                @DefaultValue("PT5M") Duration keyCacheTtl,
                                @DefaultValue("100000") long keyCacheSize,
                                @DefaultValue("true") boolean migrate) {

    public record Datasource(String url, String username, @DefaultValue("") String password,
                             @DefaultValue("10") int maximumPoolSize) {
    }
}
