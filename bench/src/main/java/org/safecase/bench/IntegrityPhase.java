package org.safecase.bench;

import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReported;
import org.safecase.events.NoteAdded;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.LongConsumer;

import static org.safecase.bench.Baseline.COMMAND_CPU_MS_HIGH;
import static org.safecase.bench.Baseline.COMMAND_CPU_MS_LOW;
import static org.safecase.bench.Baseline.COMMAND_PG_MS_HIGH;
import static org.safecase.bench.Baseline.COMMAND_PG_MS_LOW;
import static org.safecase.bench.Baseline.EVENT_QUERY_SERVICE_CPU_MS;
import static org.safecase.bench.Baseline.share;
import static org.safecase.bench.ThreadLoop.micros;

/**
 * What the hash chain and the integrity log cost, measured in this JVM on one thread with the events module's
 * own {@link EventHashes} and the command service's own statements, against the stack's event store: (a) the
 * envelope and its hash per appended event, for events the command service itself stored (a report naming 2
 * pupils, a note), checked against the hashes it stored; (b) the previous event's hash read back from the store,
 * as {@code HashChain} does when that event is not in the unit of work; (c) one append to the integrity log, as
 * the forwarder makes it; and the query service's check of a consumed envelope. CPU, PostgreSQL's CPU and wall
 * time as in the {@code privacy} phase ({@link ThreadLoop}).
 */
final class IntegrityPhase {

    /** The commands phase's mix: a report, then 4 notes; every command but the report reads its previous hash. */
    private static final int NOTES_PER_INCIDENT = 4;
    private static final double SELECTS_PER_COMMAND = (double) NOTES_PER_INCIDENT / (NOTES_PER_INCIDENT + 1);
    /** The forwarder's largest batch ({@code axon.eventhandling.processors.kafka-forwarder.batch-size}). */
    private static final int FORWARDER_BATCH = 100;

    /** {@code HashChain.storedHash}'s statement. */
    private static final String PREVIOUS_HASH = "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
            + "AND sequence_number = ?";
    private static final String LEAF_COPY = "bench_integrity_leaf";
    /**
     * {@code IntegrityLog.append}'s statement, on a copy of {@code integrity_leaf}: keep the two in step. Each event's
     * global index is looked up in the store as there, for a real stored event; the copy's unique index is then
     * made from the loop's counter, as the copy's leaves are made-up events.
     */
    private static final String APPEND = """
            WITH batch AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::uuid[], ?::bigint[], ?::varchar[],
                                                ?::varchar[], ?::bigint[])
                                   WITH ORDINALITY AS b (event_id, hash, incident_id, sequence, school_id,
                                                         stored_event_id, made_up_index, ord)),
                 known AS (SELECT leaf.event_id, leaf.leaf_index FROM %1$s leaf
                           WHERE leaf.event_id IN (SELECT event_id FROM batch)),
                 fresh AS (SELECT batch.*, row_number() OVER (ORDER BY ord) AS nth FROM batch
                           WHERE event_id NOT IN (SELECT event_id FROM known)),
                 added AS (INSERT INTO %1$s (leaf_index, global_index, event_id, hash, incident_id, sequence, school_id)
                           SELECT last.leaf_index + fresh.nth,
                                  (SELECT global_index FROM domain_event_entry
                                   WHERE event_identifier = fresh.stored_event_id) * 0 + fresh.made_up_index,
                                  fresh.event_id, fresh.hash, fresh.incident_id, fresh.sequence, fresh.school_id
                           FROM fresh, (SELECT coalesce(max(leaf_index), -1) AS leaf_index FROM %1$s) last
                           ORDER BY fresh.nth
                           RETURNING event_id, leaf_index)
            SELECT event_id, leaf_index FROM known UNION ALL SELECT event_id, leaf_index FROM added""".formatted(LEAF_COPY);

    private final Config config;
    private final Report report;
    private final CpuUsage cpu;
    private final ThreadLoop measure;
    /** As the services map events (the hashes they stored are recomputed with it, below). */
    private final JsonMapper json = JsonMapper.builder().build();
    private final String text200 = PrivacyPhase.text(200);
    /** Where results go, so that the JIT cannot drop the work. */
    private long sink;

    IntegrityPhase(Config config, Report report, CpuUsage cpu) {
        this.config = config;
        this.report = report;
        this.cpu = cpu;
        this.measure = new ThreadLoop(cpu);
    }

    /** An event as the command service stored it, with the chain it recorded in the event's metadata. */
    private record StoredEvent(UUID eventId, long sequence, IncidentEvent event, String previousHash, String hash) {

        IncidentEventEnvelope envelope(JsonMapper json) {
            return EventHashes.envelope(eventId, sequence, event, previousHash, null, json);
        }
    }

    /** What one measured row adds per command, for the sum at the end. */
    private record PerCommand(double cpuMicros, double postgresMicros, double wallMicros) {
    }

    void run() throws Exception {
        report.heading("Cost of the hash chain and the integrity log: per event hashed, previous hash read, leaf appended");
        CpuUsage.Snapshot started = cpu.take();
        List<UUID> incidents = prime();
        Thread.sleep(5_000);   // the forwarder and the projections catch up, so that the idle rate is idle
        measure.measurePostgresIdleRate();
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl, config.jdbcUser, "")) {
            List<StoredEvent> stored = load(connection, incidents);
            long matching = stored.stream().filter(e -> e.envelope(json).hash().equals(e.hash())).count();
            long rows = count(connection, "domain_event_entry");
            report.line("Command: `" + config.commandLine + "` (phase `integrity`). " + String.format(Locale.ROOT,
                    "%,d incidents were first reported over HTTP as `integration.a` (2 pupils and a 200-byte summary each), "
                    + "each followed by %d notes of 200 bytes (the commands phase's mix), so that the events measured below "
                    + "are the command service's own: %,d events read back from `domain_event_entry` (%,d rows in all), "
                    + "**%,d of them hash, recomputed here, to the hash the service stored**.",
                    incidents.size(), NOTES_PER_INCIDENT, stored.size(), rows, matching)
                    + " Measured in the benchmark's JVM on one thread while the services were up and idle, with the events "
                    + "module's `EventHashes` and the command service's statements against the stack's PostgreSQL (fsync "
                    + "and `synchronous_commit` on). **CPU** = that thread's CPU time (`ThreadMXBean`); **PostgreSQL** = "
                    + "core-seconds of the server and its backends during the loop (`/proc`), net of its idle rate measured "
                    + "for " + ThreadLoop.IDLE_BASELINE_MILLIS / 1000 + " s before (" + measure.postgresIdleRate()
                    + " cores). Beside them, the summary's figures before hashing (and encryption): the command service's "
                    + "CPU " + COMMAND_CPU_MS_LOW + "–" + COMMAND_CPU_MS_HIGH + " ms per command (PostgreSQL "
                    + COMMAND_PG_MS_LOW + "–" + COMMAND_PG_MS_HIGH + " ms), the query service's "
                    + EVENT_QUERY_SERVICE_CPU_MS + " ms per projected event.");
            report.flush();
            if (matching != stored.size()) {
                System.err.printf("integrity: %d of %d stored hashes differ from the ones recomputed here%n",
                        stored.size() - matching, stored.size());
            }
            List<StoredEvent> reports = stored.stream().filter(e -> e.event() instanceof IncidentReported r
                    && r.subjects().size() == 2).toList();
            List<StoredEvent> notes = stored.stream().filter(e -> e.event() instanceof NoteAdded).toList();
            if (reports.isEmpty() || notes.isEmpty()) {
                throw new IllegalStateException("no stored report with 2 pupils or no stored note to measure");
            }
            double[] hashing = hashing(reports, notes);
            PerCommand select = previousHash(connection, stored, rows);
            PerCommand[] append = integrityLog(connection, stored);
            perCommand(hashing, select, append);
        }
        report.blank();
        report.line("Whole phase: " + cpu.describe(started, cpu.take()) + " (\"other processes\" took cores from the wall "
                + "times above; the CPU times of this thread do not depend on them.)");
        report.flush();
    }

    // --- the events measured: the command service's own

    private List<UUID> prime() {
        HttpClient http = Http.client(null);
        List<UUID> incidents = new ArrayList<>();
        int failed = 0;
        System.out.printf("integrity: reporting %,d incidents with %d notes each%n", config.integrityIncidents,
                NOTES_PER_INCIDENT);
        for (int i = 0; i < config.integrityIncidents; i++) {
            try {
                HttpResponse<String> reported = http.send(Http.report(config.commandUrl, 2, text200),
                        HttpResponse.BodyHandlers.ofString());
                if (!Http.success(reported)) {
                    failed++;
                    System.err.println("integrity: report refused: " + reported.statusCode() + " " + Http.abbreviate(reported.body()));
                    continue;
                }
                UUID incident = Http.CommandResult.parse(reported.body()).incidentId();
                incidents.add(incident);
                for (int n = 0; n < NOTES_PER_INCIDENT; n++) {
                    HttpResponse<String> note = http.send(Http.note(config.commandUrl, incident, text200),
                            HttpResponse.BodyHandlers.ofString());
                    failed += Http.success(note) ? 0 : 1;
                }
            } catch (Exception e) {
                failed++;
                System.err.println("integrity: " + e);
            }
        }
        if (incidents.isEmpty()) {
            throw new IllegalStateException("the command service accepted no report (" + failed + " failed)");
        }
        System.out.printf("integrity: %,d incidents reported, %d commands failed%n", incidents.size(), failed);
        return incidents;
    }

    private List<StoredEvent> load(Connection connection, List<UUID> incidents) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT event_identifier, sequence_number, "
                + "payload_type, payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ANY (?) "
                + "ORDER BY aggregate_identifier, sequence_number")) {
            statement.setArray(1, connection.createArrayOf("varchar", incidents.stream().map(UUID::toString).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Object payload = json.readValue(rows.getBytes("payload"), Class.forName(rows.getString("payload_type")));
                    JsonNode metadata = json.readTree(rows.getBytes("meta_data"));
                    if (payload instanceof IncidentEvent event) {
                        events.add(new StoredEvent(UUID.fromString(rows.getString("event_identifier")),
                                rows.getLong("sequence_number"), event, metadata.path(EventHashes.PREVIOUS_HASH).asString(),
                                metadata.path(EventHashes.HASH).asString()));
                    }
                }
            }
        }
        return events;
    }

    // --- (a) the envelope and its hash, per event appended

    /** CPU per event (µs) of {@code EventHashes.envelope} for a report and for a note. */
    private double[] hashing(List<StoredEvent> reports, List<StoredEvent> notes) throws Exception {
        int n = config.integrityHashes;
        System.out.printf("integrity: hashing, %,d iterations each after as many to warm up%n", n);
        List<ObjectNode> reportTrees = new ArrayList<>();
        List<byte[]> reportCanonical = new ArrayList<>();
        List<JsonNode> reportPublished = new ArrayList<>();
        List<JsonNode> notePublished = new ArrayList<>();
        for (StoredEvent e : reports) {
            IncidentEventEnvelope unhashed = EventHashes.stored(e.eventId(), e.sequence(), e.event(), e.previousHash(), null,
                    null, json);
            ObjectNode tree = json.valueToTree(unhashed);
            reportTrees.add(tree);
            reportCanonical.add(EventHashes.canonical(tree));
            reportPublished.add(json.valueToTree(e.envelope(json).withPosition(1_000_000L + e.sequence())));
        }
        for (StoredEvent e : notes) {
            notePublished.add(json.valueToTree(e.envelope(json).withPosition(1_000_000L + e.sequence())));
        }
        int noteBytes = EventHashes.canonical(json.valueToTree(EventHashes.stored(notes.get(0).eventId(),
                notes.get(0).sequence(), notes.get(0).event(), notes.get(0).previousHash(), null, null, json))).length;
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");

        List<ThreadLoop.Measured> report2 = measure.rounds(n, i -> sink += reports.get((int) (i % reports.size()))
                .envelope(json).hash().length());
        List<ThreadLoop.Measured> note = measure.rounds(n, i -> sink += notes.get((int) (i % notes.size()))
                .envelope(json).hash().length());
        List<ThreadLoop.Measured> hashOnly = measure.rounds(n, i -> sink += EventHashes.hash(reportTrees.get(
                (int) (i % reportTrees.size()))).length());
        List<ThreadLoop.Measured> digestOnly = measure.rounds(n, i -> sink += sha256.digest(reportCanonical.get(
                (int) (i % reportCanonical.size())))[0]);
        List<ThreadLoop.Measured> checkReport = measure.rounds(n, i -> sink += EventHashes.hashMatches(reportPublished.get(
                (int) (i % reportPublished.size()))) ? 1 : 0);
        List<ThreadLoop.Measured> checkNote = measure.rounds(n, i -> sink += EventHashes.hashMatches(notePublished.get(
                (int) (i % notePublished.size()))) ? 1 : 0);

        report.line("");
        report.line("**(a) The envelope and its hash, per event appended** (`HashChain` → `EventHashes.envelope`: the "
                + "event to a JSON tree, the envelope without hash to a tree, copied, checked for RFC 8785's limits, "
                + "written in RFC 8785's canonical form from the tree, SHA-256, hex; then the envelope again with its hash), for the "
                + "stored events above, cycling through them: 3 rounds of " + String.format(Locale.ROOT, "%,d", n)
                + " each after as many to warm the JIT up; the median round, and the other two. The query service's "
                + "check of each consumed envelope (`EventHashes.hashMatches` on the parsed record, in "
                + "`ProjectionWriter`) is set beside its CPU per projected event.");
        report.blank();
        report.tableHeader("per event", "iterations", "CPU (median round)", "CPU, other rounds",
                "canonical bytes hashed", "÷ the service's CPU per command or event");
        String reportBytes = String.format(Locale.ROOT, "%,d", reportCanonical.get(0).length);
        hashRow("**`EventHashes.envelope`: a report naming 2 pupils** (command service)", n, report2, reportBytes,
                share(report2.get(1).cpuMicros() / 1000, COMMAND_CPU_MS_HIGH, COMMAND_CPU_MS_LOW));
        hashRow("**`EventHashes.envelope`: a note** (command service)", n, note, String.format(Locale.ROOT, "%,d", noteBytes),
                share(note.get(1).cpuMicros() / 1000, COMMAND_CPU_MS_HIGH, COMMAND_CPU_MS_LOW));
        hashRow("of the report's: `EventHashes.hash` of the envelope's tree (copy, limits and canonical form in one walk, SHA-256)", n, hashOnly,
                reportBytes, "–");
        hashRow("of that: SHA-256 of the canonical bytes alone", n, digestOnly, reportBytes, "–");
        hashRow("`EventHashes.hashMatches`: a consumed report (query service)", n, checkReport, reportBytes,
                Report.pct(checkReport.get(1).cpuMicros() / 1000 / EVENT_QUERY_SERVICE_CPU_MS) + " of "
                        + EVENT_QUERY_SERVICE_CPU_MS + " ms");
        hashRow("`EventHashes.hashMatches`: a consumed note (query service)", n, checkNote,
                String.format(Locale.ROOT, "%,d", noteBytes),
                Report.pct(checkNote.get(1).cpuMicros() / 1000 / EVENT_QUERY_SERVICE_CPU_MS) + " of "
                        + EVENT_QUERY_SERVICE_CPU_MS + " ms");
        report.flush();
        return new double[] {report2.get(1).cpuMicros(), note.get(1).cpuMicros()};
    }

    private void hashRow(String label, int n, List<ThreadLoop.Measured> rounds, String bytes, String share) {
        report.row(label, String.format(Locale.ROOT, "3 × %,d", n), "**" + micros(rounds.get(1).cpuMicros()) + "**",
                micros(rounds.get(0).cpuMicros()) + " – " + micros(rounds.get(2).cpuMicros()), bytes, share);
    }

    // --- (b) the previous event's hash, read back

    private PerCommand previousHash(Connection connection, List<StoredEvent> stored, long rows) throws SQLException {
        int n = config.integrityStatements;
        int warmUp = Math.max(50, n / 10);
        System.out.printf("integrity: previous-hash SELECT, %,d after %,d%n", n, warmUp);
        List<StoredEvent> later = stored.stream().filter(e -> e.sequence() > 0).toList();
        try (PreparedStatement statement = connection.prepareStatement(PREVIOUS_HASH)) {
            LongConsumer read = i -> {
                // a different incident each time, spread over the stored ones
                StoredEvent e = later.get((int) ((i * 7_919) % later.size()));
                sink += storedHash(statement, e.event().incidentId().toString(), e.sequence() - 1).length();
            };
            measure.loop(warmUp, read, false);
            ThreadLoop.Measured m = measure.loop(n, read, true);
            report.line("");
            report.line("**(b) The previous event's hash, read back** (`HashChain.storedHash`, for every event whose "
                    + "predecessor is not in the same unit of work: every command on an existing incident, 4 of the mix's "
                    + "5): `" + PREVIOUS_HASH + "` by the unique (incident, sequence) index of a table of "
                    + String.format(Locale.ROOT, "%,d", rows) + " rows, then the metadata's JSON parsed for `hash`. "
                    + String.format(Locale.ROOT, "%,d", n) + " reads after " + warmUp + ", each of a different stored event, "
                    + "one connection, prepared statement, autocommit (in the service it runs inside the command's "
                    + "transaction: a read adds no commit).");
            report.blank();
            tableHeader("per read");
            statementRow("previous hash: one SELECT by (incident, sequence) + JSON parse", m);
            report.flush();
            return new PerCommand(m.cpuMicros() * SELECTS_PER_COMMAND, m.postgresMicros() * SELECTS_PER_COMMAND,
                    m.wallMicros());
        }
    }

    private String storedHash(PreparedStatement statement, String incidentId, long sequence) {
        try {
            statement.setString(1, incidentId);
            statement.setLong(2, sequence);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("no stored event " + incidentId + " #" + sequence);
                }
                return json.readTree(result.getBytes(1)).path(EventHashes.HASH).asString();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the previous hash could not be read: " + e.getMessage(), e);
        }
    }

    // --- (c) one leaf appended to the integrity log

    /** Per append: {alone in its transaction, in a batch of the forwarder's largest size}. */
    private PerCommand[] integrityLog(Connection connection, List<StoredEvent> stored) throws SQLException {
        int n = Math.max(FORWARDER_BATCH, config.integrityStatements / FORWARDER_BATCH * FORWARDER_BATCH);
        int warmUp = 2 * FORWARDER_BATCH;
        long leaves = config.integrityLeaves;
        System.out.printf("integrity: integrity-log appends, %,d after %,d, on a copy of %,d leaves%n", n, warmUp, leaves);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS " + LEAF_COPY);
            ddl.execute("CREATE TABLE " + LEAF_COPY + " (LIKE integrity_leaf INCLUDING ALL)");
            ddl.execute("INSERT INTO " + LEAF_COPY + " (leaf_index, global_index, event_id, hash, incident_id, sequence, "
                    + "school_id) SELECT g, g, 'bench-' || g, md5(g::text) || md5((g + 1)::text), gen_random_uuid(), g % 5, "
                    + "'SCH-A' FROM generate_series(0, " + (leaves - 1) + ") g");
            ddl.execute("ANALYZE " + LEAF_COPY);
            ddl.execute("CHECKPOINT");
        }
        ThreadLoop.Measured single;
        ThreadLoop.Measured batch;
        try (PreparedStatement statement = connection.prepareStatement(APPEND)) {
            long[] next = {leaves};
            LongConsumer alone = i -> append(connection, statement, List.of(stored.get((int) (i % stored.size()))), next);
            LongConsumer batched = i -> {
                List<StoredEvent> events = new ArrayList<>(FORWARDER_BATCH);
                for (int k = 0; k < FORWARDER_BATCH; k++) {
                    events.add(stored.get((int) ((i * FORWARDER_BATCH + k) % stored.size())));
                }
                append(connection, statement, events, next);
                commit(connection);
            };
            measure.loop(warmUp, alone, false);
            single = measure.loop(n, alone, true);
            connection.setAutoCommit(false);
            try {
                measure.loop(warmUp / FORWARDER_BATCH, batched, false);
                batch = measure.loop(n / FORWARDER_BATCH, batched, true).per(FORWARDER_BATCH);
            } finally {
                connection.setAutoCommit(true);
            }
            report.line("");
            report.line("**(c) One leaf appended to the integrity log** (`IntegrityLog.append`, by the forwarder, in the "
                    + "transaction that moves its token, off the request path): the same statement, one per forwarder "
                    + "batch (an `INSERT … SELECT` over the batch's `unnest`ed arrays: each event's leaf if it is there "
                    + "already, else after `max(leaf_index)` in the batch's order), on `" + LEAF_COPY + "`, a copy of "
                    + "`integrity_leaf` with its indexes (`LIKE … INCLUDING ALL`) filled with "
                    + String.format(Locale.ROOT, "%,d", leaves) + " leaves, so that the stack's own log is left alone; "
                    + String.format(Locale.ROOT, "%,d", n) + " appends after " + warmUp + " of the stored events' hashes "
                    + "under new event ids. Alone: a batch of one event, its own transaction, a durable commit each (an "
                    + "upper bound: the forwarder commits its token anyway, so the commit is not the log's alone). In a "
                    + "batch: one statement and one commit per " + FORWARDER_BATCH + " appends, the forwarder's largest "
                    + "batch (CPU and mean per append; wall p50 and p99 per batch).");
            report.blank();
            tableHeader("per append");
            statementRow("alone in its transaction (commit included)", single);
            statementRow("in a batch of " + FORWARDER_BATCH + " (one statement and one commit per batch)", batch);
            report.flush();
        } finally {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS " + LEAF_COPY);
            }
        }
        // one event per command, so one leaf per command
        return new PerCommand[] {new PerCommand(single.cpuMicros(), single.postgresMicros(), single.wallMicros()),
                new PerCommand(batch.cpuMicros(), batch.postgresMicros(), batch.wallMicros())};
    }

    private void append(Connection connection, PreparedStatement statement, List<StoredEvent> events, long[] nextIndex) {
        try {
            statement.setArray(1, connection.createArrayOf("varchar",
                    events.stream().map(e -> UUID.randomUUID().toString()).toArray(String[]::new)));
            statement.setArray(2, connection.createArrayOf("varchar", events.stream().map(StoredEvent::hash).toArray(String[]::new)));
            statement.setArray(3, connection.createArrayOf("uuid",
                    events.stream().map(e -> e.event().incidentId()).toArray(UUID[]::new)));
            statement.setArray(4, connection.createArrayOf("int8", events.stream().map(StoredEvent::sequence).toArray(Long[]::new)));
            statement.setArray(5, connection.createArrayOf("varchar",
                    events.stream().map(e -> e.event().schoolId()).toArray(String[]::new)));
            statement.setArray(6, connection.createArrayOf("varchar",
                    events.stream().map(e -> e.eventId().toString()).toArray(String[]::new)));
            statement.setArray(7, connection.createArrayOf("int8",
                    events.stream().map(e -> nextIndex[0]++).toArray(Long[]::new)));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    sink += result.getLong(2);
                }
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("leaves could not be appended: " + failure.getMessage(), failure);
        }
    }

    private static void commit(Connection connection) {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("commit failed: " + e.getMessage(), e);
        }
    }

    // --- (d) per command

    /** The three costs per command of the commands phase's mix, summed, beside the command service's figures. */
    private void perCommand(double[] hashing, PerCommand select, PerCommand[] append) {
        double hash = (hashing[0] + NOTES_PER_INCIDENT * hashing[1]) / (NOTES_PER_INCIDENT + 1);
        report.line("");
        report.line("**Per command**, for the commands phase's mix (a report naming 2 pupils, then " + NOTES_PER_INCIDENT
                + " notes: one event hashed and one leaf appended per command, the previous hash read by "
                + NOTES_PER_INCIDENT + " of " + (NOTES_PER_INCIDENT + 1) + "), from the median rounds and means above.");
        report.blank();
        report.tableHeader("per command", "CPU", "÷ the command service's " + COMMAND_CPU_MS_LOW + "–" + COMMAND_CPU_MS_HIGH
                + " ms", "PostgreSQL CPU", "÷ its " + COMMAND_PG_MS_LOW + "–" + COMMAND_PG_MS_HIGH + " ms");
        perCommandRow("the envelope and its hash (no statement)", new PerCommand(hash, Double.NaN, Double.NaN));
        perCommandRow("the previous hash read (" + NOTES_PER_INCIDENT + " commands of " + (NOTES_PER_INCIDENT + 1) + ")",
                select);
        perCommandRow("the integrity-log leaf, alone in its transaction", append[0]);
        perCommandRow("the integrity-log leaf, in a batch of " + FORWARDER_BATCH, append[1]);
        perCommandRow("**all three, leaf alone**", new PerCommand(hash + select.cpuMicros() + append[0].cpuMicros(),
                select.postgresMicros() + append[0].postgresMicros(), Double.NaN));
        perCommandRow("**all three, leaf in a batch of " + FORWARDER_BATCH + "**", new PerCommand(hash + select.cpuMicros()
                + append[1].cpuMicros(), select.postgresMicros() + append[1].postgresMicros(), Double.NaN));
        report.blank();
        report.line(String.format(Locale.ROOT, "On the request path a command waits for its hash (%s) and, on an existing "
                + "incident, the read (%s mean wall); the leaf is appended by the forwarder after the response.",
                micros(hash), micros(select.wallMicros())));
        report.flush();
    }

    private void perCommandRow(String label, PerCommand m) {
        report.row(label, "**" + micros(m.cpuMicros()) + "**", share(m.cpuMicros() / 1000, COMMAND_CPU_MS_HIGH,
                COMMAND_CPU_MS_LOW), Double.isNaN(m.postgresMicros()) ? "–" : micros(m.postgresMicros()),
                Double.isNaN(m.postgresMicros()) ? "–" : share(m.postgresMicros() / 1000, COMMAND_PG_MS_HIGH,
                        COMMAND_PG_MS_LOW));
    }

    // --- helpers

    private void tableHeader(String what) {
        report.tableHeader(what, "iterations", "CPU", "÷ the command service's " + COMMAND_CPU_MS_LOW + "–"
                + COMMAND_CPU_MS_HIGH + " ms", "PostgreSQL CPU", "÷ its " + COMMAND_PG_MS_LOW + "–" + COMMAND_PG_MS_HIGH
                + " ms", "wall p50", "wall p99", "wall mean");
    }

    private void statementRow(String label, ThreadLoop.Measured m) {
        double pgMs = m.postgresMicros() / 1000;
        report.row(label, String.format(Locale.ROOT, "%,d", m.iterations()), "**" + micros(m.cpuMicros()) + "**",
                share(m.cpuMicros() / 1000, COMMAND_CPU_MS_HIGH, COMMAND_CPU_MS_LOW), "**" + m.postgres() + "**",
                Double.isNaN(pgMs) ? "n/a" : share(pgMs, COMMAND_PG_MS_HIGH, COMMAND_PG_MS_LOW),
                micros(m.wall().getValueAtPercentile(50)), micros(m.wall().getValueAtPercentile(99)), micros(m.wallMicros()));
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
