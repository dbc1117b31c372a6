package org.safecase.localstack;

/**
 * The one real PostgreSQL and the one real Kafka broker of a test JVM, started on first use and
 * shared by every test context. They are not closed by the tests: their shutdown hooks end them with
 * the JVM, after Spring has closed the cached contexts that still use them.
 */
public final class SharedTestInfrastructure {

    private static final String KEY_ENCRYPTION_KEY = LocalStack.newKeyEncryptionKey();
    private static final String[] SIGNING_KEY_PAIR = LocalStack.newSigningKeyPair();

    private static LocalPostgres postgres;
    private static LocalKafka kafka;

    private SharedTestInfrastructure() {
    }

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.ephemeral();
        }
        return postgres;
    }

    /**
     * A JDBC URL of a database of its own, created on first use, owned as in production: a query service's
     * database by its login ({@link LocalPostgres#QUERY}), every other by {@link LocalPostgres#OWNER}, never a superuser.
     */
    public static String database(String name) {
        LocalPostgres server = postgres();
        server.createDatabase(name, name.startsWith("safecase_query") ? LocalPostgres.QUERY : LocalPostgres.OWNER);
        return server.jdbcUrl(name);
    }

    /** The test JVM's key-encryption key: random, made once, never written down. */
    public static String keyEncryptionKey() {
        return KEY_ENCRYPTION_KEY;
    }

    /** The test JVM's checkpoint-signing key pair, PEM {private, public}: made once, never written down. */
    public static String[] signingKeyPair() {
        return SIGNING_KEY_PAIR.clone();
    }

    public static synchronized LocalKafka kafka() {
        if (kafka == null) {
            kafka = LocalKafka.onFreePorts().start();
            LocalKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "local-kafka-shutdown"));
        }
        return kafka;
    }
}
