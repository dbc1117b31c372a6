package org.safecase.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: N clients, each reporting an incident and adding four notes to it (as
 * {@code integration.a}), as fast as the command service answers; counted over a fixed window after a
 * warm-up. The event-store rows are counted at the window's edges.
 */
final class CommandLoad {

    private static final int NOTES_PER_INCIDENT = 4;

    private final Config config;
    private final Report report;
    private final KafkaTools kafka;
    private final EventStore store;
    private final CpuUsage cpu;
    private final PostgresWork postgres;

    CommandLoad(Config config, Report report, KafkaTools kafka, EventStore store, CpuUsage cpu) {
        this.cpu = cpu;
        this.postgres = new PostgresWork(config);
        this.config = config;
        this.report = report;
        this.kafka = kafka;
        this.store = store;
    }

    record Result(int clients, long commands, double seconds, Histogram latency, Map<String, Long> failures,
                  long rowsBefore, long rowsAfter, double forwardCatchUpSeconds, String cpu, String postgres) {
        double commandsPerSecond() {
            return commands / seconds;
        }

        double appendsPerSecond() {
            return (rowsAfter - rowsBefore) / seconds;
        }
    }

    /** The highest commands/s of the last run, for the latency phase to pick a sustainable rate too. */
    double bestCommandsPerSecond = Double.NaN;

    void run() throws Exception {
        report.heading("Commands per second and event-store append rate (closed loop)");
        report.line("Command: `" + config.commandLine + "` (phase `commands`). Each client is a thread with a blocking JDK "
                + "HttpClient (HTTP/1.1, keep-alive) as `integration.a`: `POST /api/v1/incidents` (one pupil subject "
                + "`P-nnnnnn`, category INA-CYBERBULLY), then 4 × `POST /api/v1/incidents/{id}/notes`, no `If-Match`, "
                + "and again. " + config.warmupSeconds + " s warm-up, then " + config.durationSeconds + " s counted. "
                + "Appends = `SELECT count(*) FROM domain_event_entry` at the window's edges (JDBC).");
        report.blank();
        report.tableHeader("clients", "commands/s", "p50", "p99", "p99.9", "max", "failed", "event-store appends/s",
                "÷ pgbench 1 client", "÷ pgbench 8 clients", "forwarder caught up after");
        java.util.List<String> cpuLines = new java.util.ArrayList<>();
        for (int clients : config.clients) {
            Result result = runOnce(clients);
            cpuLines.add(clients + " clients: " + result.cpu());
            cpuLines.add(clients + " clients, PostgreSQL's work per command over the window (pg_stat_database, "
                    + "pg_stat_user_tables): " + result.postgres());
            bestCommandsPerSecond = Double.isNaN(bestCommandsPerSecond) ? result.commandsPerSecond()
                    : Math.max(bestCommandsPerSecond, result.commandsPerSecond());
            Histogram h = result.latency();
            report.row(Integer.toString(clients), Report.num(result.commandsPerSecond()),
                    Report.ms(h.getValueAtPercentile(50)), Report.ms(h.getValueAtPercentile(99)),
                    Report.ms(h.getValueAtPercentile(99.9)), Report.ms(h.getMaxValue()),
                    result.failures().isEmpty() ? "0" : result.failures().toString(),
                    Report.num(result.appendsPerSecond()),
                    ratio(result.commandsPerSecond(), config.pgCeiling1), ratio(result.commandsPerSecond(), config.pgCeiling8),
                    Double.isNaN(result.forwardCatchUpSeconds()) ? "not within 120 s"
                            : String.format("%.1f s", result.forwardCatchUpSeconds()));
        }
        report.blank();
        report.line("Ratios: commands/s divided by the pgbench single-row insert TPS measured above on the same server "
                + "(target: ≥ 25% of the ceiling). \"forwarder caught up\": time after the window until the topic held "
                + "as many records as the event store has rows.");
        report.blank();
        cpuLines.forEach(line -> {
            report.line("- " + line);
        });
        report.flush();
    }

    private static String ratio(double value, Double ceiling) {
        return ceiling == null || ceiling <= 0 ? "n/a" : Report.pct(value / ceiling);
    }

    private Result runOnce(int clients) throws Exception {
        System.out.printf("commands: %d clients, %d s warm-up + %d s%n", clients, config.warmupSeconds, config.durationSeconds);
        ExecutorService httpExecutor = Executors.newFixedThreadPool(Math.max(2, clients / 2));
        HttpClient http = Http.client(httpExecutor);
        Recorder recorder = new Recorder(60_000_000L, 3);
        LongAdder counted = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long windowStart = start + TimeUnit.SECONDS.toNanos(config.warmupSeconds);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(config.durationSeconds);
        ExecutorService workers = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            workers.execute(() -> {
                try {
                    clientLoop(http, windowStart, windowEnd, recorder, counted, failures);
                } finally {
                    done.countDown();
                }
            });
        }
        sleepUntil(windowStart);
        CpuUsage.Snapshot cpuBefore = cpu.take();
        PostgresWork.Snapshot postgresBefore = postgres.take();
        long rowsBefore = store.rows();
        sleepUntil(windowEnd);
        long rowsAfter = store.rows();
        CpuUsage.Snapshot cpuAfter = cpu.take();
        PostgresWork.Snapshot postgresAfter = postgres.take();
        Histogram latency = recorder.getIntervalHistogram();
        done.await(60, TimeUnit.SECONDS);
        workers.shutdownNow();
        httpExecutor.shutdownNow();

        double seconds = config.durationSeconds;
        long forwardStart = System.nanoTime();
        double catchUp = Double.NaN;
        long target = store.rows();
        while (System.nanoTime() - forwardStart < TimeUnit.SECONDS.toNanos(120)) {
            if (kafka.totalRecords() >= target) {
                catchUp = (System.nanoTime() - windowEnd) / 1e9;
                break;
            }
            Thread.sleep(100);
        }
        Map<String, Long> failed = new java.util.TreeMap<>();
        failures.forEach((k, v) -> failed.put(k, v.sum()));
        System.out.printf("commands: %d clients -> %.0f commands/s, %d rows appended%n", clients,
                counted.sum() / seconds, rowsAfter - rowsBefore);
        return new Result(clients, counted.sum(), seconds, latency, failed, rowsBefore, rowsAfter, catchUp,
                cpu.describe(cpuBefore, cpuAfter), PostgresWork.describe(postgresBefore, postgresAfter, counted.sum()));
    }

    private void clientLoop(HttpClient http, long windowStart, long windowEnd, Recorder recorder, LongAdder counted,
                            Map<String, LongAdder> failures) {
        UUID incident = null;
        int notesLeft = 0;
        while (System.nanoTime() < windowEnd) {
            HttpRequest request = incident == null || notesLeft == 0 ? Http.report(config.commandUrl)
                    : Http.note(config.commandUrl, incident);
            long sent = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long answered = System.nanoTime();
                if (!Http.success(response)) {
                    failures.computeIfAbsent("HTTP " + response.statusCode(), k -> new LongAdder()).increment();
                    incident = null;
                    continue;
                }
                Http.CommandResult result = Http.CommandResult.parse(response.body());
                if (incident == null || notesLeft == 0) {
                    incident = result.incidentId();
                    notesLeft = NOTES_PER_INCIDENT;
                } else {
                    notesLeft--;
                }
                if (answered >= windowStart && answered < windowEnd) {
                    counted.increment();
                    recorder.recordValue(Math.max(1, (answered - sent) / 1000));
                }
            } catch (Exception e) {
                failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                incident = null;
            }
        }
    }

    /**
     * Warms the services before anything is timed: the first commands after a start pay for class loading,
     * JIT and connection pools (seconds each on a busy machine). Ten incidents with four notes each, then
     * one timeline read per incident.
     */
    static void prime(Config config) {
        HttpClient http = Http.client(null);
        long started = System.nanoTime();
        int ok = 0;
        for (int i = 0; i < 10; i++) {
            try {
                HttpResponse<String> reported = http.send(Http.report(config.commandUrl), HttpResponse.BodyHandlers.ofString());
                if (!Http.success(reported)) {
                    continue;
                }
                Http.CommandResult result = Http.CommandResult.parse(reported.body());
                for (int n = 0; n < NOTES_PER_INCIDENT; n++) {
                    HttpResponse<String> note = http.send(Http.note(config.commandUrl, result.incidentId()),
                            HttpResponse.BodyHandlers.ofString());
                    ok += Http.success(note) ? 1 : 0;
                }
                http.send(Http.get(config.queryUrl + "/api/v1/incidents/" + result.incidentId() + "/timeline?minVersion="
                        + NOTES_PER_INCIDENT, Http.DSL), HttpResponse.BodyHandlers.discarding());
                ok++;
            } catch (Exception e) {
                System.err.println("prime: " + e);
            }
        }
        System.out.printf("primed the services with %d commands in %.1f s%n", ok, (System.nanoTime() - started) / 1e9);
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 50_000_000L));
        }
    }
}
