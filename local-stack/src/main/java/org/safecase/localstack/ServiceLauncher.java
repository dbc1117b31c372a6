package org.safecase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a Safecase service from its jar as a child process against a local PostgreSQL and Kafka: the
 * local stack's way, and the end-to-end tests'. The demo users are on; the privacy database, the
 * key-encryption key and the checkpoint-signing key pair are the ones given.
 */
public final class ServiceLauncher {

    public static final String PRIVACY_DATABASE = "safecase_privacy";

    /** Where the services listen: loopback only, because anyone who reaches them could log in as a demo user. */
    public static final String LOOPBACK = "127.0.0.1";

    private ServiceLauncher() {
    }

    /**
     * The settings a service needs, as environment variables (Spring's relaxed binding). Each service logs in
     * as its own role, never a superuser ({@code login}); {@code migrationsOwner}, if given, is the role its
     * migrations run as (the owner of the tables its login may only append to).
     */
    public static Map<String, String> environment(int port, LocalPostgres postgres, String database, String login,
                                                  String migrationsOwner, LocalKafka kafka, String keyEncryptionKey,
                                                  String[] signingKeyPair) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_ADDRESS", LOOPBACK);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(database));
        env.put("SPRING_DATASOURCE_USERNAME", login);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        if (migrationsOwner != null) {
            env.put("SPRING_FLYWAY_USER", migrationsOwner);
            env.put("SPRING_FLYWAY_PASSWORD", "");
        }
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SAFECASE_SECURITY_MODE", "demo");
        env.put("SAFECASE_PRIVACY_DATASOURCE_URL", postgres.jdbcUrl(PRIVACY_DATABASE));
        env.put("SAFECASE_PRIVACY_DATASOURCE_USERNAME", LocalPostgres.OWNER);
        env.put("SAFECASE_PRIVACY_DATASOURCE_PASSWORD", "");
        env.put("SAFECASE_PRIVACY_KEK", keyEncryptionKey);
        env.put("SAFECASE_INTEGRITY_SIGNING_KEY", signingKeyPair[0]);
        env.put("SAFECASE_INTEGRITY_PUBLIC_KEY", signingKeyPair[1]);
        return env;
    }

    /**
     * The web application's settings: it holds no data, so it needs only where the services are. Its session cookie
     * may travel over plain http because, like the services, it listens on loopback only.
     */
    public static Map<String, String> webEnvironment(int port, int commandPort, int queryPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_ADDRESS", LOOPBACK);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SAFECASE_WEB_COMMAND_URL", "http://" + LOOPBACK + ":" + commandPort);
        env.put("SAFECASE_WEB_QUERY_URL", "http://" + LOOPBACK + ":" + queryPort);
        env.put("SAFECASE_WEB_SECURE_COOKIES", "false");
        return env;
    }

    /**
     * Every service JVM's options: the heap of production's sizing; its GC pauses in a log beside the service's (the
     * benchmark reports them); an OutOfMemoryError ends the process rather than leaving it half-working.
     */
    public static List<String> jvmOptions(Path logFile) {
        String gcLog = logFile.resolveSibling(logFile.getFileName().toString().replaceFirst("\\.log$", "") + "-gc.log")
                .toString();
        return List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog + ":uptime");
    }

    /** The service's process, its output appended to {@code logFile}, its GC log beside it ({@code name-gc.log}). */
    public static Process launch(String javaBinary, Path jar, Map<String, String> environment, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary);
        command.addAll(jvmOptions(logFile));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not launch " + jar, e);
        }
    }
}
