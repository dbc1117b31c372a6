package org.safecase.localstack.faults;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop commands at a fixed rate against several command-service instances, as a school system would send
 * them: a report ({@code POST /api/v1/incidents} with an {@code Idempotency-Key}) followed by notes, each with
 * {@code If-Match} of the version the client last saw. Each lane is one client owning its incidents, so a lane's
 * commands are sequential; commands fall due at the rate whatever the service does (a stalled lane queues
 * them). A command whose attempt fails for a connection reason or a 5xx is sent again, with the same key or
 * version, to the next instance: it is acknowledged once a 2xx answers it. Everything is written to the ledger.
 */
public final class FaultLoad implements AutoCloseable {

    static final String USER = "integration.a";
    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString((USER + ":demo").getBytes(StandardCharsets.US_ASCII));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(15);
    private static final AtomicLong SUBJECTS = new AtomicLong();

    private final List<Integer> ports;
    private final double commandsPerSecond;
    private final int notesPerIncident;
    private final Duration giveUpAfter;
    private final CommandLedger ledger;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicLong issued = new AtomicLong();
    private Thread pacer;
    private volatile boolean running;

    /**
     * @param ports            the command-service instances (HTTP on 127.0.0.1)
     * @param commandsPerSecond the rate the commands fall due at
     * @param clients          lanes, each a client with its own incidents
     * @param notesPerIncident notes after each report before the lane reports a new incident
     * @param giveUpAfter      how long a command is retried before the client gives up on it
     */
    public FaultLoad(List<Integer> ports, double commandsPerSecond, int clients, int notesPerIncident, Duration giveUpAfter,
                     CommandLedger ledger) {
        this.ports = List.copyOf(ports);
        this.commandsPerSecond = commandsPerSecond;
        this.notesPerIncident = notesPerIncident;
        this.giveUpAfter = giveUpAfter;
        this.ledger = ledger;
        for (int i = 0; i < clients; i++) {
            lanes.add(new Lane(i));
        }
    }

    public CommandLedger ledger() {
        return ledger;
    }

    public long issued() {
        return issued.get();
    }

    /** Starts the clients and the pacer that hands them commands as they fall due. */
    public synchronized void start() {
        running = true;
        for (Lane lane : lanes) {
            lane.thread.start();
        }
        pacer = new Thread(this::pace, "fault-load-pacer");
        pacer.setDaemon(true);
        pacer.start();
    }

    private void pace() {
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / commandsPerSecond);
        long next = System.nanoTime();
        int lane = 0;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            lanes.get(lane).due.add(next);
            issued.incrementAndGet();
            lane = (lane + 1) % lanes.size();
            next += interval;
        }
    }

    /** Stops issuing commands and waits (up to {@code drain}) for every command already due to end. */
    public void stopAndDrain(Duration drain) throws InterruptedException {
        running = false;
        if (pacer != null) {
            pacer.join();
        }
        long deadline = System.nanoTime() + drain.toNanos();
        for (Lane lane : lanes) {
            lane.due.add(Lane.STOP);
            lane.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        for (Lane lane : lanes) {
            if (lane.thread.isAlive()) {
                lane.thread.interrupt();
                lane.thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stopAndDrain(Duration.ofSeconds(60));
        }
    }

    private enum Kind { ANSWERED, APPLIED_ANSWER_LOST, REFUSED, GAVE_UP }

    private record Result(Kind kind, JsonNode body, int status, boolean ambiguous, int failedAttempts) {
    }

    private final class Lane {
        static final long STOP = Long.MIN_VALUE;

        final int number;
        final BlockingQueue<Long> due = new LinkedBlockingQueue<>();
        final Thread thread;
        UUID incident;
        long version;
        int notesLeft;

        Lane(int number) {
            this.number = number;
            this.thread = new Thread(this::run, "fault-load-client-" + number);
            this.thread.setDaemon(true);
        }

        private void run() {
            try {
                while (true) {
                    long dueAt = due.take();
                    if (dueAt == STOP) {
                        return;
                    }
                    long started = System.nanoTime();
                    Result result = incident == null || notesLeft == 0 ? report() : note();
                    CommandLedger.Outcome outcome = switch (result.kind) {
                        case ANSWERED -> CommandLedger.Outcome.ACKNOWLEDGED;
                        case APPLIED_ANSWER_LOST -> CommandLedger.Outcome.APPLIED_ANSWER_LOST;
                        case REFUSED -> CommandLedger.Outcome.REFUSED;
                        case GAVE_UP -> CommandLedger.Outcome.GAVE_UP;
                    };
                    ledger.completed(new CommandLedger.Completed(dueAt, started, System.nanoTime(), outcome,
                            result.failedAttempts));
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }

        private Result report() throws InterruptedException {
            String occurredAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
            String body = "{\"schoolId\":\"SCH-A\",\"category\":\"INA-CYBERBULLY\",\"occurredAt\":\"" + occurredAt + "\","
                    + "\"summary\":\"fault suite incident\",\"subjects\":[{\"type\":\"PUPIL\",\"reference\":\""
                    + String.format("P-F%06d", SUBJECTS.incrementAndGet() % 1_000_000)
                    + "\",\"involvement\":\"AFFECTED\",\"yearGroup\":\"Y7\"}],\"offSite\":false}";
            String key = UUID.randomUUID().toString();
            Result result = send("/api/v1/incidents", body, "Idempotency-Key", key, false);
            if (result.kind == Kind.ANSWERED) {
                incident = UUID.fromString(result.body.get("incidentId").asString());
                version = result.body.get("version").asLong();
                if (version != 0) {
                    ledger.unexpected("a report answered version " + version + ": incident " + incident);
                }
                ledger.applied(incident, version, true);
                notesLeft = notesPerIncident;
            } else {
                incident = null;
            }
            return result;
        }

        private Result note() throws InterruptedException {
            Result result = send("/api/v1/incidents/" + incident + "/notes", "{\"text\":\"fault suite note\"}",
                    "If-Match", "\"" + version + "\"", true);
            switch (result.kind) {
                case ANSWERED -> {
                    long answered = result.body.get("version").asLong();
                    if (answered != version + 1) {
                        ledger.unexpected("a note on version " + version + " answered " + answered + ": incident " + incident);
                    }
                    version = answered;
                    ledger.applied(incident, version, true);
                    notesLeft--;
                }
                case APPLIED_ANSWER_LOST -> {
                    version++;
                    ledger.applied(incident, version, false);
                    notesLeft--;
                }
                case GAVE_UP -> {
                    if (result.ambiguous) {
                        ledger.uncertain(incident);
                    }
                    incident = null;
                }
                case REFUSED -> incident = null;
            }
            return result;
        }

        /**
         * One command, retried on the next instance after a connection failure, a timeout or a 5xx. A 412 after
         * such an ambiguous attempt means that attempt was applied; a 412 before any is a real conflict (refused).
         */
        private Result send(String path, String body, String header, String value, boolean note)
                throws InterruptedException {
            long giveUpAt = System.nanoTime() + giveUpAfter.toNanos();
            int instance = number % ports.size();
            boolean ambiguous = false;
            int failed = 0;
            long backoffMillis = 50;
            while (true) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(instance) + path))
                        .timeout(ATTEMPT_TIMEOUT)
                        .header("Authorization", AUTHORIZATION)
                        .header("Content-Type", "application/json")
                        .header(header, value)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        return new Result(Kind.ANSWERED, JSON.readTree(response.body()), status, ambiguous, failed);
                    }
                    if (note && status == 412 && ambiguous) {
                        return new Result(Kind.APPLIED_ANSWER_LOST, null, status, true, failed);
                    }
                    if (status < 500) {
                        ledger.unexpected("HTTP " + status + " to a " + (note ? "note" : "report")
                                + (incident == null ? "" : " on incident " + incident));
                        return new Result(Kind.REFUSED, null, status, ambiguous, failed);
                    }
                    ambiguous = true;
                } catch (ConnectException refused) {
                    // nothing listened: the command did not reach the service
                } catch (IOException brokenOrTimedOut) {
                    ambiguous = true;
                }
                failed++;
                if (System.nanoTime() > giveUpAt) {
                    return new Result(Kind.GAVE_UP, null, -1, ambiguous, failed);
                }
                instance = (instance + 1) % ports.size();
                TimeUnit.MILLISECONDS.sleep(backoffMillis);
                backoffMillis = Math.min(1000, backoffMillis * 2);
            }
        }
    }
}
