package org.safecase.bench;

import org.safecase.localstack.faults.GenerationComparison;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Produces a million synthetic events, waits until the live query service has applied them, reads the
 * whole topic with a plain consumer (the ceiling), then rebuilds the projections from the start of the
 * topic through the operator's Actuator endpoint and times it.
 */
final class RebuildPhase {

    private final Config config;
    private final Report report;
    private final KafkaTools kafka;
    private final QueryService query;
    private final CpuUsage cpu;
    private final HttpClient http = Http.client(null);
    private final JsonMapper json = JsonMapper.builder().build();

    RebuildPhase(Config config, Report report, KafkaTools kafka, QueryService query, CpuUsage cpu) {
        this.cpu = cpu;
        this.config = config;
        this.report = report;
        this.kafka = kafka;
        this.query = query;
    }

    void run() throws Exception {
        report.heading(String.format(Locale.ROOT, "Projection rebuild over %,d synthetic events", config.syntheticEvents));
        long topicBefore = kafka.totalRecords();
        double appliedBefore = query.appliedEvents();
        CpuUsage.Snapshot cpuStart = cpu.take();
        long started = System.nanoTime();
        System.out.printf("rebuild: producing %,d synthetic events to %s%n", config.syntheticEvents, config.topic);
        SyntheticEvents.Produced produced = new SyntheticEvents(StackPrivacy.forTheGenerator(config))
                .produce(config, config.syntheticEvents);
        long productionEnded = System.nanoTime();
        long backlog = kafka.groupLag(config.queryGroup);
        long topicTotal = kafka.totalRecords();
        System.out.printf("rebuild: generated and produced %,d events in %.1f s (%s); topic now holds %,d records; "
                + "waiting for the query service%n", produced.events(), produced.seconds(), produced.privacyCost(), topicTotal);
        kafka.printSamples();
        QueryService.CatchUp catchUp = query.awaitCaughtUp("rebuild", started, config.catchUpTimeoutSeconds);
        double appliedAfter = query.appliedEvents();
        CpuUsage.Snapshot cpuCaughtUp = cpu.take();

        System.out.println("rebuild: Kafka consume ceiling over the whole topic");
        KafkaTools.ConsumeResult plain = kafka.consumeAll(false);
        KafkaTools.ConsumeResult parsed = kafka.consumeAll(true);

        PostgresWork postgres = new PostgresWork(config);
        PostgresWork.Snapshot postgresBefore = postgres.take();
        Rebuild rebuild = rebuild(catchUp.reached());
        PostgresWork.Snapshot postgresAfter = postgres.take();

        report.line("Command: `" + config.commandLine + "` (phase `rebuild`). Synthetic incidents (IncidentReported, then 1–5 of "
                + "NoteAdded / IncidentEscalated / SanctionApplied / ExternalReferralRecorded / PoliceReferralMade / "
                + "IncidentReclassified, 60% closed by IncidentClosed; schools SCH-A and SCH-B; pupils `P-nnnnnn`; texts "
                + "\"synthetic benchmark …\") are produced straight to `" + config.topic + "` as the forwarder writes them "
                + "(key = incident id, envelope JSON, CloudEvents headers) by one idempotent producer (acks=all, linger 20 ms, "
                + "256 KB batches, no compression). Personal fields are sealed as the command service seals them: a data "
                + "key per incident made in the stack's privacy database (the generator's sessions with "
                + "`synchronous_commit=off`), pupils resolved through the keyed subject index once each, then cached. "
                + "The topic also holds the earlier phases' records.");
        report.blank();
        report.tableHeader("measure", "records", "seconds", "records/s", "note");
        report.row("synthetic production", String.format(Locale.ROOT, "%,d", produced.events()),
                String.format(Locale.ROOT, "%.1f", produced.seconds()), Report.num(produced.eventsPerSecond()),
                String.format(Locale.ROOT, "%,d incidents, %.0f bytes/value on average; %s", produced.incidents(),
                        (double) produced.bytes() / produced.events(), produced.privacyCost()));
        double liveApplied = appliedAfter - appliedBefore;
        report.row("live projection (query service's consumer group, from production start to lag 0)",
                Double.isNaN(liveApplied) ? String.format(Locale.ROOT, "%,d", topicTotal - topicBefore)
                        : String.format(Locale.ROOT, "%,.0f applied", liveApplied),
                String.format(Locale.ROOT, "%.1f", catchUp.seconds()),
                catchUp.reached() ? Report.num((topicTotal - topicBefore) / catchUp.seconds())
                        : Double.isNaN(liveApplied) ? "n/a" : Report.num(liveApplied / catchUp.seconds()),
                catchUp.reached() ? "lag 0 reached (Admin API: committed offsets = end offsets)"
                        : String.format(Locale.ROOT, "**not caught up** within %d s: lag %,d", config.catchUpTimeoutSeconds,
                        catchUp.lag()));
        double drainSeconds = catchUp.seconds() - (productionEnded - started) / 1e9;
        report.row("live projection of the backlog left when production ended (its own rate, not the generator's)",
                String.format(Locale.ROOT, "%,d", backlog), catchUp.reached() ? String.format(Locale.ROOT, "%.1f", drainSeconds) : "–",
                catchUp.reached() && drainSeconds > 1 && backlog > 0 ? "**" + Report.num(backlog / drainSeconds) + "**" : "–",
                "consumer group lag when the last record was acknowledged, to lag 0");
        report.row("Kafka ceiling: plain KafkaConsumer, whole topic", String.format(Locale.ROOT, "%,d", plain.records()),
                String.format(Locale.ROOT, "%.1f", plain.seconds()), Report.num(plain.recordsPerSecond()),
                String.format(Locale.ROOT, "%.0f MB/s; own group, assign + seekToBeginning, max.poll.records 5000",
                        plain.megabytesPerSecond()));
        report.row("Kafka consumer + JSON parse of each envelope", String.format(Locale.ROOT, "%,d", parsed.records()),
                String.format(Locale.ROOT, "%.1f", parsed.seconds()), Report.num(parsed.recordsPerSecond()),
                "Jackson 3 `readTree`, one thread");
        report.row("**projection rebuild**", rebuild.events() < 0 ? "–" : String.format(Locale.ROOT, "%,d", rebuild.events()),
                rebuild.seconds() < 0 ? "–" : String.format(Locale.ROOT, "%.1f", rebuild.seconds()),
                rebuild.seconds() > 0 ? "**" + Report.num(rebuild.events() / rebuild.seconds()) + "**" : "–",
                rebuild.note());
        report.blank();
        report.line("Production and live projection: " + cpu.describe(cpuStart, cpuCaughtUp));
        report.blank();
        if (rebuild.events() > 0) {
            report.line("PostgreSQL's work per rebuilt event (pg_stat_database, pg_stat_user_tables, over the rebuild and "
                    + "its switch-over): " + PostgresWork.describe(postgresBefore, postgresAfter, rebuild.events()));
            report.blank();
        }
        if (rebuild.seconds() > 0) {
            double rate = rebuild.events() / rebuild.seconds();
            report.line(String.format(Locale.ROOT, "Target ≥ 20,000 events/s: %s (%s events/s, %s of the plain consumer's rate).",
                    rate >= 20_000 ? "met" : "missed", Report.num(rate), Report.pct(rate / plain.recordsPerSecond())));
        }
        if (rebuild.lastStatus() != null) {
            report.line("Last `GET /actuator/projections`: `" + Http.abbreviate(rebuild.lastStatus()) + "`");
        }
        if (rebuild.seconds() > 0 && rebuild.liveSchema() != null) {
            report.line(compared(rebuild.liveSchema(), activeSchema(rebuild.lastStatus())));
        }
        report.flush();
    }

    record Rebuild(long events, double seconds, String note, String lastStatus, String liveSchema) {
        Rebuild(long events, double seconds, String note, String lastStatus) {
            this(events, seconds, note, lastStatus, null);
        }
    }

    /** Every read model of the rebuilt generation against the one built live, row for row (what the tests check). */
    private String compared(String live, String rebuilt) {
        if (rebuilt == null || rebuilt.equals(live)) {
            return "Read models not compared: no new generation is active.";
        }
        try (Connection connection = DriverManager.getConnection(config.queryJdbcUrl, config.jdbcUser, "")) {
            GenerationComparison comparison = new GenerationComparison(connection);
            List<String> tables = comparison.tables(live);
            List<String> differing = new ArrayList<>();
            long rows = 0;
            for (String table : tables) {
                long differences = comparison.differences(live, rebuilt, table) + comparison.differences(rebuilt, live, table);
                rows += differences;
                if (differences > 0) {
                    differing.add(table + " (" + differences + ")");
                }
            }
            System.out.printf("rebuild: %s compared with %s: %d tables, %d rows differ%n", rebuilt, live, tables.size(), rows);
            return differing.isEmpty()
                    ? String.format(Locale.ROOT, "Every read model of the rebuilt generation (`%s`) equals the live one (`%s`), row for "
                    + "row: %d tables compared with `EXCEPT ALL` both ways, 0 rows differ.", rebuilt, live, tables.size())
                    : String.format(Locale.ROOT, "**The rebuilt generation (`%s`) differs from the live one (`%s`)**: %s.", rebuilt,
                    live, String.join(", ", differing));
        } catch (SQLException e) {
            return "Read models not compared: " + e.getClass().getSimpleName() + " (SQL state " + e.getSQLState() + ").";
        }
    }

    private String activeSchema(String status) {
        try {
            JsonNode schema = json.readTree(status).path("activeSchema");
            return schema.isString() ? schema.asString() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private Rebuild rebuild(boolean caughtUp) throws Exception {
        String url = config.queryUrl + "/actuator/projections";
        HttpResponse<String> before = http.send(Http.get(url, Http.OPERATOR), HttpResponse.BodyHandlers.ofString());
        if (before.statusCode() != 200) {
            String note = "rebuild endpoint not available (`GET /actuator/projections` as operator: HTTP " + before.statusCode() + ")";
            System.out.println("rebuild: " + note);
            return new Rebuild(-1, -1, note, null);
        }
        if (!caughtUp) {
            String note = "not started: the live projection had not caught up, so a rebuild would compete with it";
            System.out.println("rebuild: " + note);
            return new Rebuild(-1, -1, note, before.body());
        }
        long topic = kafka.totalRecords();
        long posted = System.nanoTime();
        HttpResponse<String> trigger = post(url, null);
        if (trigger.statusCode() == 400 || trigger.statusCode() == 415) {
            trigger = post(url, "{}");
        }
        if (!Http.success(trigger)) {
            String note = "rebuild endpoint not available (`POST /actuator/projections` as operator: HTTP "
                    + trigger.statusCode() + " " + Http.abbreviate(trigger.body()) + ")";
            System.out.println("rebuild: " + note);
            return new Rebuild(-1, -1, note, before.body());
        }
        System.out.println("rebuild: started: " + Http.abbreviate(trigger.body()));
        long deadline = posted + TimeUnit.SECONDS.toNanos(config.rebuildTimeoutSeconds);
        String last = null;
        long lastLog = 0;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> progress = http.send(Http.get(url, Http.OPERATOR), HttpResponse.BodyHandlers.ofString());
            long now = System.nanoTime();
            last = progress.body();
            JsonNode rebuild = findRebuild(progress.body());
            if (rebuild != null) {
                String status = rebuild.path("status").asString("").toUpperCase(Locale.ROOT);
                long applied = rebuild.path("applied").asLong(-1);
                long total = rebuild.path("total").asLong(-1);
                if (status.matches(".*(FAIL|ERROR|ABORT|CANCEL).*")) {
                    return new Rebuild(-1, -1, "rebuild **failed**: status " + status, last);
                }
                if (status.matches(".*(COMPLET|DONE|FINISH|SWITCH|SUCCE).*")) {
                    long events = applied > 0 ? applied : total > 0 ? total : topic;
                    double seconds = (now - posted) / 1e9;
                    String serverTime = "";
                    try {
                        java.time.Duration took = java.time.Duration.between(
                                java.time.Instant.parse(rebuild.path("startedAt").asString()),
                                java.time.Instant.parse(rebuild.path("finishedAt").asString()));
                        serverTime = String.format(Locale.ROOT, ", startedAt → finishedAt %.1f s", took.toMillis() / 1000.0);
                    } catch (RuntimeException noTimes) {
                        // the client's timing stands alone
                    }
                    return new Rebuild(events, seconds, String.format(Locale.ROOT,
                            "POST → status %s, timed by the client (poll every 250 ms); server's own figures: %s events/s%s",
                            status, rebuild.path("eventsPerSecond").asString("n/a"), serverTime), last, activeSchema(before.body()));
                }
                if (now - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                    lastLog = now;
                    System.out.printf("rebuild: %s, %,d of %,d applied, %s events/s%n", status, applied, total,
                            rebuild.path("eventsPerSecond").asString("?"));
                }
            }
            Thread.sleep(250);
        }
        return new Rebuild(-1, -1, "rebuild did not finish within " + config.rebuildTimeoutSeconds + " s", last);
    }

    private JsonNode findRebuild(String body) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode rebuild = root.path("rebuild");
            if (rebuild.isObject()) {
                return rebuild;
            }
            JsonNode found = root.findValue("rebuild");
            return found != null && found.isObject() ? found : null;
        } catch (Exception e) {
            return null;
        }
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", Http.OPERATOR);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
