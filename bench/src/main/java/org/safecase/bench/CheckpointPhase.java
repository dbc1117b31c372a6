package org.safecase.bench;

import org.safecase.events.MerkleTree;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a signed checkpoint costs once the integrity log is large: {@code BENCH_CHECKPOINT_LEAVES} made-up leaves are
 * added to the stack's log in one statement (as the owner would; they belong to no event, so run this phase last
 * or alone), then the command service's scheduled checkpoint is awaited twice: the first over the whole log, the
 * second after one more reported incident; then an auditor asks for the consistency proof between the two and
 * checks it against both signed roots. For each step the command service's CPU over the step and the time it took.
 * The checkpoint runs every {@code safecase.integrity.checkpoint.interval} (1 minute by default;
 * {@code SAFECASE_INTEGRITY_CHECKPOINT_INTERVAL=PT10S} shortens the wait, not the work).
 */
final class CheckpointPhase {

    private static final String AUDITOR = Http.basic("auditor", "demo");

    private final Config config;
    private final Report report;
    private final CpuUsage cpu;
    private final HttpClient http = Http.client(null);

    CheckpointPhase(Config config, Report report, CpuUsage cpu) {
        this.config = config;
        this.report = report;
        this.cpu = cpu;
    }

    private record Step(String name, double seconds, double commandServiceCoreSeconds, String result) {
    }

    void run() throws Exception {
        report.heading("Signed checkpoints over a large integrity log");
        List<Step> steps = new ArrayList<>();
        long size;
        double insertSeconds;
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl, config.jdbcUser, "")) {
            long before = logSize(connection);
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                // positions after the real leaves; negative global indexes and a school of their own, so no real
                // event's index or feed is touched
                statement.executeUpdate(String.format(Locale.ROOT, """
                        INSERT INTO integrity_leaf (leaf_index, global_index, event_id, hash, school_id)
                        SELECT %d + i, -1 - (%d + i), 'bench-leaf-' || (%d + i),
                               encode(sha256(int8send(%d + i)), 'hex'), 'SCH-BENCH'
                        FROM generate_series(0, %d) AS i""", before, before, before, before,
                        config.checkpointLeaves - 1));
            }
            insertSeconds = (System.nanoTime() - started) / 1e9;
            size = logSize(connection);
        }
        System.out.printf("checkpoints: %,d leaves in the log (%,d added in %.1f s)%n", size, config.checkpointLeaves,
                insertSeconds);

        CpuUsage.Snapshot from = cpu.take();
        String first = awaitCheckpoint(size);
        CpuUsage.Snapshot to = cpu.take();
        steps.add(step("checkpoint over the whole log, " + String.format(Locale.ROOT, "%,d", size) + " leaves", from, to,
                first));

        HttpResponse<String> reported = http.send(Http.report(config.commandUrl), HttpResponse.BodyHandlers.ofString());
        if (!Http.success(reported)) {
            throw new IllegalStateException("report refused: " + reported.statusCode());
        }
        from = cpu.take();
        String second = awaitCheckpoint(size + 1);
        to = cpu.take();
        steps.add(step("next checkpoint, one incident later", from, to, second));

        long firstSize = Long.parseLong(Http.numberField(first, "treeSize"));
        long secondSize = Long.parseLong(Http.numberField(second, "treeSize"));
        from = cpu.take();
        HttpResponse<String> proof = http.send(Http.get(config.commandUrl + "/api/v1/audit/checkpoints/consistency?first="
                + firstSize + "&second=" + secondSize, AUDITOR), HttpResponse.BodyHandlers.ofString());
        to = cpu.take();
        boolean holds = proof.statusCode() == 200 && MerkleTree.verifyConsistency(firstSize, secondSize,
                HexFormat.of().parseHex(Http.stringField(first, "rootHash")),
                HexFormat.of().parseHex(Http.stringField(second, "rootHash")), proofNodes(proof.body()));
        steps.add(step("consistency proof " + firstSize + " → " + secondSize + " (auditor)", from, to,
                "HTTP " + proof.statusCode() + (holds ? ", holds for both signed roots" : ", **does not hold**")));

        report.line("Command: `" + config.commandLine + "` (phase `checkpoints`). " + String.format(Locale.ROOT,
                "%,d made-up leaves were added to the stack's integrity log in one `INSERT … SELECT generate_series` "
                + "(%.1f s), then the command service's scheduled checkpoint was awaited (polling the latest checkpoint "
                + "as `auditor` every 250 ms), once over the whole log and once after one more incident; then the "
                + "consistency proof between the two was asked for and checked against both signed roots. CPU = the "
                + "command service's core-seconds from the step's start to its answer (the wait for the schedule "
                + "included, during which the service is otherwise idle). Checkpoint interval: %s.", config.checkpointLeaves,
                insertSeconds, System.getenv().getOrDefault("SAFECASE_INTEGRITY_CHECKPOINT_INTERVAL",
                        "the default, PT1M (`SAFECASE_INTEGRITY_CHECKPOINT_INTERVAL` unset)")));
        report.tableHeader("step", "seconds", "command service CPU (core-seconds)", "result");
        for (Step step : steps) {
            report.row(step.name(), Report.num(step.seconds()), Report.num(step.commandServiceCoreSeconds()), step.result());
        }
        report.flush();
        if (!holds) {
            throw new IllegalStateException("the consistency proof does not hold");
        }
    }

    private Step step(String name, CpuUsage.Snapshot from, CpuUsage.Snapshot to, String result) {
        return new Step(name, (to.nanos() - from.nanos()) / 1e9, cpu.coreSeconds(from, to, "command-service"),
                result.startsWith("{") ? "tree size " + Http.numberField(result, "treeSize") : result);
    }

    /** The latest checkpoint's JSON once it covers at least {@code size} leaves. */
    private String awaitCheckpoint(long size) throws Exception {
        long deadline = System.nanoTime() + config.checkpointTimeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> latest = http.send(Http.get(config.commandUrl + "/api/v1/audit/checkpoints/latest",
                    AUDITOR), HttpResponse.BodyHandlers.ofString());
            if (latest.statusCode() == 200 && Long.parseLong(Http.numberField(latest.body(), "treeSize")) >= size) {
                return latest.body();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no checkpoint over " + size + " leaves within " + config.checkpointTimeoutSeconds
                + " s (is the command service up? see its log)");
    }

    private static List<byte[]> proofNodes(String body) {
        List<byte[]> nodes = new ArrayList<>();
        int start = body.indexOf("\"proof\"");
        if (start < 0) {
            return nodes;
        }
        for (String part : body.substring(body.indexOf('[', start) + 1, body.indexOf(']', start)).split(",")) {
            String hex = part.replace("\"", "").trim();
            if (!hex.isEmpty()) {
                nodes.add(HexFormat.of().parseHex(hex));
            }
        }
        return nodes;
    }

    private static long logSize(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(leaf_index), -1) + 1 FROM integrity_leaf")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
