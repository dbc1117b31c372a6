package org.safecase.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Everything the benchmark can be told, from environment variables; {@code BENCH_QUICK=1} shrinks every default. */
final class Config {

    final boolean quick;
    final String commandUrl;
    final String queryUrl;
    final String jdbcUrl;
    final String jdbcUser;
    final String privacyJdbcUrl;
    final String queryJdbcUrl;
    final Path keyEncryptionKeyFile;
    final String kafkaBootstrap;
    final String topic;
    final String queryGroup;

    final List<Integer> clients;
    final int warmupSeconds;
    final int durationSeconds;

    final int latencyRate;
    final int latencyWarmupSeconds;
    final int latencyDurationSeconds;
    final long latencyGiveUpMillis;

    final long syntheticEvents;
    final int catchUpTimeoutSeconds;
    final int rebuildTimeoutSeconds;
    final int generatorThreads;

    final int privacyFieldIterations;
    final int privacyCommandIterations;
    final int privacyIncidents;

    final int integrityIncidents;
    final int integrityHashes;
    final int integrityStatements;
    final int integrityLeaves;
    final int checkpointLeaves;
    final int checkpointTimeoutSeconds;

    final Double pgCeiling1;
    final Double pgCeiling8;

    final Path report;
    final String commandLine;

    private Config(Map<String, String> env) {
        quick = "1".equals(env.getOrDefault("BENCH_QUICK", "0"));
        commandUrl = env.getOrDefault("BENCH_COMMAND_URL", "http://localhost:28081");
        queryUrl = env.getOrDefault("BENCH_QUERY_URL", "http://localhost:28082");
        jdbcUrl = env.getOrDefault("BENCH_JDBC_URL", "jdbc:postgresql://localhost:25432/safecase_events");
        jdbcUser = env.getOrDefault("BENCH_JDBC_USER", "postgres");
        privacyJdbcUrl = env.getOrDefault("BENCH_PRIVACY_JDBC_URL", "jdbc:postgresql://localhost:25432/safecase_privacy");
        queryJdbcUrl = env.getOrDefault("BENCH_QUERY_JDBC_URL", "jdbc:postgresql://localhost:25432/safecase_query");
        keyEncryptionKeyFile = Path.of(env.getOrDefault("BENCH_KEK_FILE", "key-encryption-key"));
        kafkaBootstrap = env.getOrDefault("BENCH_KAFKA", "127.0.0.1:29092");
        topic = env.getOrDefault("BENCH_TOPIC", "safecase.incident-events");
        queryGroup = env.getOrDefault("BENCH_QUERY_GROUP", "safecase-query-service");

        clients = Arrays.stream(env.getOrDefault("BENCH_CLIENTS", quick ? "8" : "8,16").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).collect(Collectors.toList());
        warmupSeconds = integer(env, "BENCH_WARMUP_S", quick ? 5 : 90);
        durationSeconds = integer(env, "BENCH_DURATION_S", quick ? 5 : 20);

        latencyRate = integer(env, "BENCH_LATENCY_RATE", 100);
        latencyWarmupSeconds = integer(env, "BENCH_LATENCY_WARMUP_S", 5);
        latencyDurationSeconds = integer(env, "BENCH_LATENCY_DURATION_S", quick ? 8 : 60);
        latencyGiveUpMillis = integer(env, "BENCH_LATENCY_GIVE_UP_MS", 10_000);

        syntheticEvents = Long.parseLong(env.getOrDefault("BENCH_EVENTS", quick ? "20000" : "1000000"));
        catchUpTimeoutSeconds = integer(env, "BENCH_CATCHUP_TIMEOUT_S", quick ? 300 : 2400);
        rebuildTimeoutSeconds = integer(env, "BENCH_REBUILD_TIMEOUT_S", quick ? 300 : 2400);
        generatorThreads = integer(env, "BENCH_GENERATOR_THREADS", 4);

        privacyFieldIterations = integer(env, "BENCH_PRIVACY_FIELDS", quick ? 5_000 : 20_000);
        privacyCommandIterations = integer(env, "BENCH_PRIVACY_COMMANDS", quick ? 500 : 2_000);
        privacyIncidents = integer(env, "BENCH_PRIVACY_INCIDENTS", quick ? 200 : 1_000);

        integrityIncidents = integer(env, "BENCH_INTEGRITY_INCIDENTS", quick ? 40 : 200);
        integrityHashes = integer(env, "BENCH_INTEGRITY_HASHES", quick ? 5_000 : 20_000);
        integrityStatements = integer(env, "BENCH_INTEGRITY_STATEMENTS", quick ? 500 : 2_000);
        integrityLeaves = integer(env, "BENCH_INTEGRITY_LEAVES", quick ? 10_000 : 100_000);
        checkpointLeaves = integer(env, "BENCH_CHECKPOINT_LEAVES", quick ? 100_000 : 2_000_000);
        checkpointTimeoutSeconds = integer(env, "BENCH_CHECKPOINT_TIMEOUT_S", 600);

        pgCeiling1 = decimal(env, "BENCH_PG_CEILING_C1");
        pgCeiling8 = decimal(env, "BENCH_PG_CEILING_C8");

        report = Path.of(env.getOrDefault("BENCH_REPORT", "bench-report.md"));
        commandLine = env.getOrDefault("BENCH_COMMAND_LINE", "./bench.sh");
    }

    /** The stack's key-encryption key, as the services get it (Base64); read when needed, never printed. */
    String keyEncryptionKey() {
        try {
            return Files.readString(keyEncryptionKeyFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's key-encryption key " + keyEncryptionKeyFile
                    + " (BENCH_KEK_FILE): " + e.getMessage(), e);
        }
    }

    static Config fromEnvironment() {
        return new Config(System.getenv());
    }

    private static int integer(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }

    private static Double decimal(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
