package org.safecase.bench;

import org.safecase.platform.privacy.PersonalData;

/**
 * The stack's privacy database and key-encryption key, as the services are given them, so that this JVM
 * makes keys, resolves subjects, seals and opens exactly as they do. Each instance has its own key cache
 * and a small connection pool that lives as long as the process.
 */
final class StackPrivacy {

    private StackPrivacy() {
    }

    /** As the services use it: every key and index row committed durably (fsync), one statement at a time. */
    static PersonalData asTheServices(Config config) {
        return PersonalData.standalone(config.privacyJdbcUrl, config.jdbcUser, "", config.keyEncryptionKey());
    }

    /**
     * For the load generator: the same keys and index rows, but its own sessions commit without waiting for
     * the disk ({@code synchronous_commit=off}), so that a million events' keys do not queue behind fsyncs.
     * The services' sessions are unaffected.
     */
    static PersonalData forTheGenerator(Config config) {
        String url = config.privacyJdbcUrl + (config.privacyJdbcUrl.contains("?") ? "&" : "?")
                + "options=-c%20synchronous_commit%3Doff";
        return PersonalData.standalone(url, config.jdbcUser, "", config.keyEncryptionKey());
    }
}
