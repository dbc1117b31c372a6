package org.safecase.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open-loop load at a fixed rate (a scheduled executor issues one command per tick, whatever the answers
 * do), and for each counted command the time from its response to the first read of the case timeline
 * that shows it: {@code GET /timeline?minVersion=v} (the query service waits, bounded, and says
 * {@code Safecase-Consistent}), or, where the service does not wait, a poll every 5 ms until the entry
 * with that sequence appears. Reads run on their own client and threads, so they cannot delay the
 * pacing. On the side, a Kafka consumer times each command's record on the topic (response → record
 * consumed), which splits the path into forwarding and projection.
 */
final class LatencyProbe {

    private static final int NOTES_PER_INCIDENT = 4;
    private static final String CONSISTENT = "Safecase-Consistent";

    private final Config config;
    private final Report report;
    private final KafkaTools kafka;
    private final CpuUsage cpu;
    private final PostgresWork postgres;

    private final Recorder commandLatency = new Recorder(60_000_000L, 3);
    private final Recorder timelineLatency = new Recorder(60_000_000L, 3);
    private final Recorder kafkaLatency = new Recorder(60_000_000L, 3);
    private final LongAdder issued = new LongAdder();
    private final LongAdder counted = new LongAdder();
    private final LongAdder commandFailures = new LongAdder();
    private final LongAdder seen = new LongAdder();
    private final LongAdder boundedWaitTimeouts = new LongAdder();
    private final LongAdder neverSeen = new LongAdder();
    private final LongAdder readFailures = new LongAdder();
    private final LongAdder polls = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong lateTicks = new AtomicLong();
    private final AtomicBoolean waitingReads = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Incident> idle = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> recordArrivals = new ConcurrentHashMap<>();
    private final Map<String, Long> awaitingRecord = new ConcurrentHashMap<>();

    private HttpClient commands;
    private HttpClient reads;
    private ScheduledExecutorService pollTimer;
    private volatile long measureStart;
    private volatile long measureEnd;

    private final int rate;

    LatencyProbe(Config config, Report report, KafkaTools kafka, CpuUsage cpu, int rate) {
        this.rate = rate;
        this.cpu = cpu;
        this.postgres = new PostgresWork(config);
        this.config = config;
        this.report = report;
        this.kafka = kafka;
    }

    private static final class Incident {
        final UUID id;
        int notesLeft = NOTES_PER_INCIDENT;

        Incident(UUID id) {
            this.id = id;
        }
    }

    void run() throws Exception {
        report.heading("Command response → case timeline, at a steady " + rate + " commands/s (open loop)");
        ExecutorService commandThreads = Executors.newFixedThreadPool(4);
        ExecutorService readThreads = Executors.newFixedThreadPool(16);
        commands = Http.client(commandThreads);
        reads = Http.client(readThreads);
        pollTimer = Executors.newScheduledThreadPool(2);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

        String availability = timelineAvailability();
        if (availability != null) {
            report.line("Timeline endpoint not usable: " + availability + ". Only command latency and response → Kafka "
                    + "are measured below.");
        }
        AtomicBoolean stopConsumer = new AtomicBoolean();
        Thread consumer = new Thread(() -> consumeArrivals(stopConsumer), "bench-latency-consumer");
        consumer.setDaemon(true);
        consumer.start();
        Thread.sleep(2000);   // lets the consumer get its assignment and reach the end of the topic

        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        measureStart = start + TimeUnit.SECONDS.toNanos(config.latencyWarmupSeconds);
        measureEnd = measureStart + TimeUnit.SECONDS.toNanos(config.latencyDurationSeconds);
        AtomicLong tick = new AtomicLong();
        boolean timelineUsable = availability == null;
        ticker.scheduleAtFixedRate(() -> {
            long n = tick.getAndIncrement();
            long due = start + n * periodNanos;
            if (System.nanoTime() - due > 5_000_000L) {
                lateTicks.incrementAndGet();
            }
            issue(due, timelineUsable);
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        CommandLoad.sleepUntil(measureStart);
        CpuUsage.Snapshot cpuBefore = cpu.take();
        PostgresWork.Snapshot postgresBefore = postgres.take();
        CommandLoad.sleepUntil(measureEnd);
        CpuUsage.Snapshot cpuAfter = cpu.take();
        PostgresWork.Snapshot postgresAfter = postgres.take();
        ticker.shutdownNow();
        System.out.println("latency: load finished, waiting for the last reads");
        // commands still in flight end within their 30 s request time-out; then the last reads within their give-up time
        long commandsDeadline = System.nanoTime() + 45_000_000_000L;
        while (System.nanoTime() < commandsDeadline && inFlight.get() > 0) {
            Thread.sleep(100);
        }
        long readsDeadline = System.nanoTime() + config.latencyGiveUpMillis * 1_000_000L + 5_000_000_000L;
        while (System.nanoTime() < readsDeadline && seen.sum() + neverSeen.sum() + readFailures.sum() < countedOk()) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        stopConsumer.set(true);
        consumer.join(5000);
        pollTimer.shutdownNow();
        commandThreads.shutdownNow();
        readThreads.shutdownNow();

        Histogram commandH = commandLatency.getIntervalHistogram();
        Histogram timelineH = timelineLatency.getIntervalHistogram();
        Histogram kafkaH = kafkaLatency.getIntervalHistogram();
        double seconds = config.latencyDurationSeconds;
        report.line("Command: `" + config.commandLine + "` (phase `latency`). A single scheduled thread issues one command "
                + "every " + (periodNanos / 1_000_000.0) + " ms (`scheduleAtFixedRate`, async JDK HttpClient), mix 1 report : "
                + "4 notes per incident as `integration.a`, at most one command in flight per incident; "
                + config.latencyWarmupSeconds + " s warm-up, then " + config.latencyDurationSeconds + " s counted. For each "
                + "counted command, on a separate client and thread pool, `dsl.a` reads `GET /api/v1/incidents/{id}/timeline"
                + "?minVersion={version}`; latency = arrival of the first timeline answer that shows the entry − arrival "
                + "of the command's response (so it includes one HTTP read). A `" + CONSISTENT + ": false` answer (the bounded "
                + "wait expired) counts as a timeout and the read is repeated, up to " + config.latencyGiveUpMillis + " ms.");
        report.blank();
        report.tableHeader("measure", "count", "p50", "p99", "p99.9", "max");
        report.row("command HTTP latency", Long.toString(commandH.getTotalCount()), Report.ms(commandH.getValueAtPercentile(50)),
                Report.ms(commandH.getValueAtPercentile(99)), Report.ms(commandH.getValueAtPercentile(99.9)),
                Report.ms(commandH.getMaxValue()));
        report.row("response → record consumed from Kafka", Long.toString(kafkaH.getTotalCount()),
                Report.ms(kafkaH.getValueAtPercentile(50)), Report.ms(kafkaH.getValueAtPercentile(99)),
                Report.ms(kafkaH.getValueAtPercentile(99.9)), Report.ms(kafkaH.getMaxValue()));
        if (timelineUsable) {
            report.row("**response → entry in the timeline**", Long.toString(timelineH.getTotalCount()),
                    "**" + Report.ms(timelineH.getValueAtPercentile(50)) + "**",
                    "**" + Report.ms(timelineH.getValueAtPercentile(99)) + "**",
                    Report.ms(timelineH.getValueAtPercentile(99.9)), Report.ms(timelineH.getMaxValue()));
        }
        report.blank();
        java.util.Map<String, Long> reasons = new java.util.TreeMap<>();
        failureReasons.forEach((k, v) -> reasons.put(k, v.sum()));
        report.line(String.format("Achieved: %d commands issued in the counted window (%.1f/s), %d answered OK, %d failed "
                        + reasons + " (whole run); "
                        + "max %d commands in flight; %d ticks ran more than 5 ms late. Timeline: %d seen, %d bounded-wait "
                        + "timeouts (`%s: false` or 404 not yet projected), %d never seen within %d ms, %d read errors, "
                        + "%d reads in all.",
                countedIssued.sum(), countedIssued.sum() / seconds, countedOk(), commandFailures.sum(), maxInFlight.get(),
                lateTicks.get(), seen.sum(), boundedWaitTimeouts.sum(), CONSISTENT, neverSeen.sum(),
                config.latencyGiveUpMillis, readFailures.sum(), polls.sum()));
        report.blank();
        report.line(cpu.describe(cpuBefore, cpuAfter));
        report.blank();
        report.line("PostgreSQL's work per counted command over the window (the command, its event projected, its timeline "
                + "read and the read's log entry; pg_stat_database, pg_stat_user_tables): "
                + PostgresWork.describe(postgresBefore, postgresAfter, countedIssued.sum()));
        report.blank();
        if (timelineUsable && timelineH.getTotalCount() == 0) {
            report.line("Target p99 < 250 ms: **not measured**: no counted command's entry was seen in the timeline.");
        } else if (timelineUsable) {
            double p99 = timelineH.getValueAtPercentile(99) / 1000.0;
            if (rate == 100) {
                report.line(String.format("Target p99 < 250 ms: %s (p99 %.1f ms).", p99 < 250 ? "met" : "missed", p99));
            } else {
                report.line(String.format("At %d commands/s (the target, p99 < 250 ms, is set at 100 commands/s): p99 %.1f ms.",
                        rate, p99));
            }
        }
        report.flush();
    }

    private final LongAdder countedIssued = new LongAdder();
    private final Map<String, LongAdder> failureReasons = new ConcurrentHashMap<>();

    private long countedOk() {
        return counted.sum();
    }

    /** Issues one command without blocking the ticker. */
    private void issue(long due, boolean timelineUsable) {
        // counted by the tick's due time, so that a late ticker's catch-up burst is not counted twice
        boolean measured = due >= measureStart && due < measureEnd;
        long n = issued.sum();
        issued.increment();
        if (measured) {
            countedIssued.increment();
        }
        Incident incident = null;
        if (n % (NOTES_PER_INCIDENT + 1) != 0) {
            incident = idle.poll();
        }
        HttpRequest request = incident == null ? Http.report(config.commandUrl) : Http.note(config.commandUrl, incident.id);
        Incident target = incident;
        int flying = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(flying, Math::max);
        long sent = System.nanoTime();
        commands.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long answered = System.nanoTime();
            inFlight.decrementAndGet();
            if (failure != null || !Http.success(response)) {
                commandFailures.increment();
                Throwable cause = failure != null && failure.getCause() != null ? failure.getCause() : failure;
                String reason = failure != null ? cause.getClass().getSimpleName() : "HTTP " + response.statusCode();
                failureReasons.computeIfAbsent(reason, k -> new LongAdder()).increment();
                if (commandFailures.sum() <= 3) {
                    System.err.println("latency: command failed: " + (failure != null ? cause.toString()
                            : response.statusCode() + " " + Http.abbreviate(response.body())));
                }
                return;
            }
            Http.CommandResult result = Http.CommandResult.parse(response.body());
            Incident next = target == null ? new Incident(result.incidentId()) : target;
            if (target != null) {
                next.notesLeft--;
            }
            if (next.notesLeft > 0) {
                idle.add(next);
            }
            if (!measured) {
                return;
            }
            counted.increment();
            commandLatency.recordValue(Math.max(1, (answered - sent) / 1000));
            String key = result.incidentId() + ":" + result.version();
            Long arrival = recordArrivals.remove(key);
            if (arrival != null) {
                kafkaLatency.recordValue(Math.max(1, (arrival - answered) / 1000));
            } else {
                awaitingRecord.put(key, answered);
                Long raced = recordArrivals.remove(key);
                if (raced != null && awaitingRecord.remove(key) != null) {
                    kafkaLatency.recordValue(Math.max(1, (raced - answered) / 1000));
                }
            }
            if (timelineUsable) {
                read(result, answered, answered + config.latencyGiveUpMillis * 1_000_000L);
            } else {
                seen.increment();
            }
        });
    }

    private void read(Http.CommandResult result, long answered, long giveUpAt) {
        polls.increment();
        String url = config.queryUrl + "/api/v1/incidents/" + result.incidentId() + "/timeline?minVersion=" + result.version();
        reads.sendAsync(Http.get(url, Http.DSL), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long now = System.nanoTime();
            if (failure != null) {
                readFailures.increment();
                return;
            }
            String consistent = response.headers().firstValue(CONSISTENT).orElse(null);
            boolean shows = response.statusCode() == 200 && showsSequence(response.body(), result.version());
            if (shows) {
                seen.increment();
                timelineLatency.recordValue(Math.max(1, (now - answered) / 1000));
                return;
            }
            if (response.statusCode() == 404 || "false".equalsIgnoreCase(consistent)) {
                boundedWaitTimeouts.increment();
            } else if (response.statusCode() != 200) {
                readFailures.increment();
                if (readFailures.sum() <= 5) {
                    System.err.println("latency: timeline answered " + response.statusCode() + ": "
                            + Http.abbreviate(response.body()));
                }
                return;
            }
            if (now >= giveUpAt) {
                neverSeen.increment();
                return;
            }
            if ("false".equalsIgnoreCase(consistent)) {
                read(result, answered, giveUpAt);   // the server waited its bound already: ask again at once
            } else {
                // the server did not wait (no minVersion support, or not projected at all): poll every 5 ms
                pollTimer.schedule(() -> read(result, answered, giveUpAt), 5, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Whether the timeline's entries include {@code "sequence": version}. */
    static boolean showsSequence(String body, long version) {
        String compact = body.replace(" ", "");
        return compact.contains("\"sequence\":" + version + ",") || compact.contains("\"sequence\":" + version + "}");
    }

    /** Null if the timeline answers for a fresh incident within 15 s; otherwise why not. */
    private String timelineAvailability() {
        try {
            HttpResponse<String> created = commands.send(Http.report(config.commandUrl), HttpResponse.BodyHandlers.ofString());
            if (!Http.success(created)) {
                return "the probe report was refused: HTTP " + created.statusCode();
            }
            Http.CommandResult result = Http.CommandResult.parse(created.body());
            String url = config.queryUrl + "/api/v1/incidents/" + result.incidentId() + "/timeline?minVersion=" + result.version();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            HttpResponse<String> last = null;
            while (System.nanoTime() < deadline) {
                last = reads.send(Http.get(url, Http.DSL), HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() == 200 && showsSequence(last.body(), result.version())) {
                    System.out.println("latency: timeline endpoint answers; " + CONSISTENT + " header "
                            + (last.headers().firstValue(CONSISTENT).isPresent() ? "present" : "absent (polling mode)"));
                    return null;
                }
                Thread.sleep(200);
            }
            return "GET " + url.replace(config.queryUrl, "") + " did not show the entry within 15 s (last answer HTTP "
                    + (last == null ? "none" : last.statusCode() + " " + Http.abbreviate(last.body())) + ")";
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Times the arrival on the topic of each record the counted commands produced. */
    private void consumeArrivals(AtomicBoolean stop) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + System.nanoTime());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = kafka.partitions();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    String sequence = Http.numberField(record.value(), "sequence");
                    String key = record.key() + ":" + sequence;
                    Long answered = awaitingRecord.remove(key);
                    if (answered != null) {
                        kafkaLatency.recordValue(Math.max(1, (now - answered) / 1000));
                    } else {
                        recordArrivals.put(key, now);
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("latency: Kafka consumer stopped: " + e);
        }
    }
}
