package org.safecase.bench;

import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.NoteAdded;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionApplied;
import org.safecase.events.Sealed;
import org.safecase.events.Subject;
import org.safecase.platform.accesslog.ReadLog;
import org.safecase.platform.privacy.FieldOpener;
import org.safecase.platform.privacy.KeyStatus;
import org.safecase.platform.privacy.PersonalData;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

import static org.safecase.bench.Baseline.COMMAND_CPU_MS_HIGH;
import static org.safecase.bench.Baseline.COMMAND_CPU_MS_LOW;
import static org.safecase.bench.Baseline.COMMAND_PG_MS_HIGH;
import static org.safecase.bench.Baseline.COMMAND_PG_MS_LOW;
import static org.safecase.bench.Baseline.EVENT_CPU_MS;
import static org.safecase.bench.Baseline.EVENT_QUERY_SERVICE_CPU_MS;
import static org.safecase.bench.Baseline.share;
import static org.safecase.bench.ThreadLoop.micros;

/**
 * What encrypting personal data costs, measured in this JVM with the services' own {@link PersonalData}
 * against the stack's PostgreSQL and privacy database, on one thread: a field sealed and opened; what a
 * report and a note add to a command (keys made, subjects resolved through the keyed index, fields sealed,
 * with the round trips); what opening adds to a projected event, with warm keys and with keys unwrapped
 * from the database; and one entry of the read log. CPU is this thread's ({@link ThreadMXBean}), plus
 * PostgreSQL's (server and backends, from {@code /proc}) net of its idle rate.
 */
final class PrivacyPhase {

    private static final String SCHOOL = "SCH-A";

    private final Config config;
    private final Report report;
    private final PersonalData personalData;
    private final CpuUsage cpu;
    private final ThreadLoop measure;
    private final String text200 = text(200);
    /** Where the opened texts go, so that the JIT cannot drop the work. */
    private long sink;

    PrivacyPhase(Config config, Report report, PersonalData personalData, CpuUsage cpu) {
        this.config = config;
        this.report = report;
        this.personalData = personalData;
        this.cpu = cpu;
        this.measure = new ThreadLoop(cpu);
    }

    void run() throws Exception {
        report.heading("Cost of personal-data encryption: fields, commands, projected events, read log");
        measure.measurePostgresIdleRate();
        report.line("Command: `" + config.commandLine + "` (phase `privacy`). Measured in the benchmark's JVM with the "
                + "services' own `PersonalData` (`PersonalData.standalone`: Tink AES-256-GCM per field, data keys wrapped "
                + "by the stack's key-encryption key in the privacy database `safecase_privacy`, Caffeine key cache) "
                + "against the stack's PostgreSQL (fsync and `synchronous_commit` on), on one thread, while the services "
                + "were up and idle. **CPU** = that thread's CPU time (`ThreadMXBean.getCurrentThreadCpuTime`), what the "
                + "service's request thread would spend; **PostgreSQL** = core-seconds of the server and its backends "
                + "during the loop (`/proc`), net of its idle rate measured for " + ThreadLoop.IDLE_BASELINE_MILLIS / 1000
                + " s before (" + measure.postgresIdleRate() + " cores); **wall** includes the round trips to the privacy "
                + "database. The figures without encryption "
                + "beside them are the summary's: the command service's CPU " + COMMAND_CPU_MS_LOW + "–" + COMMAND_CPU_MS_HIGH
                + " ms per command (PostgreSQL " + COMMAND_PG_MS_LOW + "–" + COMMAND_PG_MS_HIGH + " ms), the live "
                + "projection's " + EVENT_CPU_MS + " ms per event (" + EVENT_QUERY_SERVICE_CPU_MS + " ms of it in the "
                + "query service).");
        report.flush();
        CpuUsage.Snapshot started = cpu.take();
        fields();
        commands();
        projectedEvents();
        readLog();
        report.blank();
        report.line("Whole phase: " + cpu.describe(started, cpu.take()) + " (\"other processes\" took cores from the wall "
                + "times above; the CPU times of this thread do not depend on them.)");
        report.flush();
    }

    // --- (a) one field

    private void fields() {
        UUID incidentId = UUID.randomUUID();
        personalData.createIncidentKey(incidentId);
        UUID subjectId = personalData.subject(SCHOOL, "P-BENCH-" + incidentId);
        Sealed sealed = personalData.seal(incidentId, "text", text200);
        Sealed sealedFor = personalData.sealFor(incidentId, subjectId, "notes", text200);
        int n = config.privacyFieldIterations;
        System.out.printf("privacy: fields, %,d iterations each after as many to warm up%n", n);
        List<String[]> rows = new ArrayList<>();
        String sealedLength = Integer.toString(sealed.ciphertext().length());
        String sealedForLength = Integer.toString(sealedFor.ciphertext().length());
        rows.add(fieldRow("`seal`: a field about the incident (its key)", n, sealedLength,
                i -> sink += personalData.seal(incidentId, "text", text200).ciphertext().length()));
        rows.add(fieldRow("`sealFor`: a field about a person (their key, then the incident's)", n, sealedForLength,
                i -> sink += personalData.sealFor(incidentId, subjectId, "notes", text200).ciphertext().length()));
        rows.add(fieldRow("`open`: a field about the incident", n, sealedLength,
                i -> sink += personalData.open(incidentId, "text", sealed).length()));
        rows.add(fieldRow("`openFor`: a field about a person (two decryptions)", n, sealedForLength,
                i -> sink += personalData.openFor(incidentId, subjectId, "notes", sealedFor).length()));

        report.line("");
        report.line("**(a) One field**, a 200-byte text, keys in the cache (warm): 3 rounds of " + String.format(Locale.ROOT,
                "%,d", n) + " each, after as many to warm the JIT up; the median round, and the other two.");
        report.blank();
        report.tableHeader("operation", "iterations", "CPU per field (median round)", "CPU, other rounds",
                "wall per field (median round)", "ciphertext (Base64 chars)");
        for (String[] row : rows) {
            report.row(row);
        }
        report.flush();
    }

    /** The median of 3 rounds of n, after n to warm up: a round that met a collection or a compilation does not count. */
    private String[] fieldRow(String label, int n, String ciphertextLength, LongConsumer operation) {
        List<ThreadLoop.Measured> rounds = measure.rounds(n, operation);
        ThreadLoop.Measured median = rounds.get(1);
        return new String[] {label, String.format(Locale.ROOT, "3 × %,d", n), "**" + micros(median.cpuMicros()) + "**",
                String.format(Locale.ROOT, "%s – %s", micros(rounds.get(0).cpuMicros()), micros(rounds.get(2).cpuMicros())),
                micros(median.wallMicros()), ciphertextLength};
    }

    // --- (b) what a command adds

    private void commands() {
        int n = config.privacyCommandIterations;
        int warmUp = Math.max(50, n / 10);
        System.out.printf("privacy: commands, %,d iterations each after %,d to warm up%n", n, warmUp);
        // a pool of references that are known by the time the counted reports name them
        int known = 200;
        for (int i = 0; i < known; i++) {
            personalData.subject(SCHOOL, knownReference(i));
        }
        List<UUID> incidents = new ArrayList<>();
        LongConsumer incidentKey = i -> personalData.createIncidentKey(UUID.randomUUID());
        LongConsumer reportNewSubjects = i -> incidents.add(report(UUID.randomUUID(), newReference(), newReference()));
        LongConsumer reportKnownSubjects = i -> incidents.add(report(UUID.randomUUID(),
                knownReference((int) (2 * i % known)), knownReference((int) ((2 * i + 1) % known))));
        measure.loop(warmUp, incidentKey, false);
        ThreadLoop.Measured keys = measure.loop(n, incidentKey, true);
        measure.loop(warmUp, reportNewSubjects, false);
        measure.loop(warmUp, reportKnownSubjects, false);
        ThreadLoop.Measured newSubjects = measure.loop(n, reportNewSubjects, true);
        ThreadLoop.Measured knownSubjects = measure.loop(n, reportKnownSubjects, true);
        LongConsumer note = i -> note(incidents.get((int) (i % incidents.size())));
        measure.loop(warmUp, note, false);
        ThreadLoop.Measured notes = measure.loop(n, note, true);

        report.line("");
        report.line("**(b) What a command adds**, with the privacy database's round trips (each statement its own "
                + "transaction, as the services run them: `PrivacyDatabase` is outside the command's transaction), "
                + String.format(Locale.ROOT, "%,d", n) + " commands each after " + warmUp + " to warm up. A report, as "
                + "`IncidentCommandService.report` does it: the incident's key made and wrapped (`createIncidentKey`: "
                + "SELECT, INSERT, SELECT), 2 pupils resolved through the keyed index (`subject`: INSERT … ON CONFLICT, "
                + "SELECT, and for a new pupil their key made: SELECT, INSERT, SELECT), 5 fields sealed (the 200-byte "
                + "summary with the incident's key; each pupil's reference and year group with their key, then the "
                + "incident's). A note: the incident's key checked (`IncidentKeys.require`, from the cache) and 1 field "
                + "(200 bytes) sealed.");
        report.blank();
        report.tableHeader("what a command adds", "commands", "CPU per command", "÷ the command service's 4.5–8.2 ms",
                "PostgreSQL CPU per command", "÷ its 2.2–2.8 ms", "wall p50", "wall p99", "wall mean");
        commandRow("report, 2 pupils new to the school (13 statements)", newSubjects);
        commandRow("report, 2 pupils already known, their keys cached (7 statements)", knownSubjects);
        commandRow("of a report: the incident's key made and wrapped, alone (3 statements)", keys);
        commandRow("note (no statement: the key is cached)", notes);
        report.flush();
    }

    private void commandRow(String label, ThreadLoop.Measured m) {
        double cpuMs = m.cpuMicros() / 1000;
        double pgMs = m.postgresMicros() / 1000;
        report.row(label, String.format(Locale.ROOT, "%,d", m.iterations()), "**" + micros(m.cpuMicros()) + "**",
                share(cpuMs, COMMAND_CPU_MS_HIGH, COMMAND_CPU_MS_LOW), m.postgres(),
                Double.isNaN(pgMs) ? "n/a" : share(pgMs, COMMAND_PG_MS_HIGH, COMMAND_PG_MS_LOW),
                micros(m.wall().getValueAtPercentile(50)), micros(m.wall().getValueAtPercentile(99)),
                micros(m.wallMicros()));
    }

    /** What {@code IncidentCommandService.report} does with personal data, for two pupils. */
    private UUID report(UUID incidentId, String first, String second) {
        personalData.createIncidentKey(incidentId);
        for (String reference : List.of(first, second)) {
            UUID subjectId = personalData.subject(SCHOOL, reference);
            sink += personalData.sealFor(incidentId, subjectId, "reference", reference).ciphertext().length();
            sink += personalData.sealFor(incidentId, subjectId, "yearGroup", "Y8").ciphertext().length();
        }
        sink += personalData.seal(incidentId, "summary", text200).ciphertext().length();
        return incidentId;
    }

    /** What {@code IncidentCommandService.addNote} does with personal data. */
    private void note(UUID incidentId) {
        if (personalData.incidentKey(incidentId) != KeyStatus.PRESENT) {
            throw new IllegalStateException("the incident's key went missing");
        }
        sink += personalData.seal(incidentId, "text", text200).ciphertext().length();
    }

    // --- (c) what opening adds to a projected event

    private void projectedEvents() {
        SyntheticEvents generator = new SyntheticEvents(personalData, 4242L);
        Instant at = Instant.now().minus(30, ChronoUnit.DAYS);
        List<List<IncidentEvent>> incidents = new ArrayList<>();
        long events = 0;
        for (int i = 0; i < config.privacyIncidents; i++) {
            List<IncidentEvent> stream = generator.incident(i, at.plus(i, ChronoUnit.MINUTES), generator.nextIncidentRandom());
            incidents.add(stream);
            events += stream.size();
        }
        List<IncidentEvent> all = incidents.stream().flatMap(List::stream).toList();
        long fields = all.stream().mapToLong(this::openAsProjected).sum();
        System.out.printf("privacy: projected events, %,d events of %,d synthetic incidents%n", events, incidents.size());

        LongConsumer warm = i -> all.forEach(this::openAsProjected);
        measure.loop(2, warm, false);
        ThreadLoop.Measured warmPasses = measure.loop(3, warm, true);
        LongConsumer coldEach = i -> incidents.forEach(stream -> stream.forEach(event -> {
            forgetKeys(event, stream.get(0));
            openAsProjected(event);
        }));
        measure.loop(1, coldEach, false);
        ThreadLoop.Measured cold = measure.loop(1, coldEach, true);
        LongConsumer coldFirst = i -> incidents.forEach(stream -> {
            forgetKeys(stream.get(0), stream.get(0));
            stream.forEach(this::openAsProjected);
        });
        measure.loop(1, coldFirst, false);
        ThreadLoop.Measured firstCold = measure.loop(1, coldFirst, true);

        report.line("");
        report.line(String.format(Locale.ROOT, "**(c) What opening adds to a projected event**: %,d synthetic events of "
                + "%,d incidents (the rebuild's generator, sealed as above), each opened as the projections open it "
                + "(`TimelineSummaries`: the texts of the event, a sanction's reference and notes with the pupil's key; "
                + "`SanctionsHistoryProjection`: the sanction's reference again): %.2f fields per event on average. Warm: "
                + "every key in the cache (3 passes after 2). Cold: before each event its incident's key and its pupils' "
                + "keys are dropped from the cache, so each is read from `data_key` and unwrapped with the key-encryption "
                + "key. First event cold: the keys are dropped at each incident's first event only, as a live projection "
                + "or a rebuild meets them (the query service keeps keys 5 minutes).", events, incidents.size(),
                (double) fields / events));
        report.blank();
        report.tableHeader("opening per projected event", "events", "CPU per event", "÷ the query service's 0.42 ms",
                "PostgreSQL CPU per event", "(CPU + PostgreSQL's) ÷ the projection's 1.16 ms", "wall per event");
        eventRow("warm keys", perEvent(warmPasses, all.size()));
        eventRow("cold: every event's keys unwrapped from the database", perEvent(cold, all.size()));
        eventRow("each incident's first event cold, the rest warm", perEvent(firstCold, all.size()));
        report.flush();
    }

    private static ThreadLoop.Measured perEvent(ThreadLoop.Measured passes, long events) {
        return passes.per(events);
    }

    private void eventRow(String label, ThreadLoop.Measured m) {
        double cpuMs = m.cpuMicros() / 1000;
        double total = Double.isNaN(m.postgresMicros()) ? cpuMs : cpuMs + m.postgresMicros() / 1000;
        report.row(label, String.format(Locale.ROOT, "%,d", m.iterations()), "**" + micros(m.cpuMicros()) + "**",
                Report.pct(cpuMs / EVENT_QUERY_SERVICE_CPU_MS), m.postgres(), Report.pct(total / EVENT_CPU_MS),
                micros(m.wallMicros()));
    }

    /** Opens the fields the query service's projections open for this event; how many were sealed. */
    private int openAsProjected(IncidentEvent event) {
        FieldOpener fields = personalData;
        UUID id = event.incidentId();
        if (event instanceof IncidentReported reported) {
            return open(fields, id, "summary", reported.summary());
        }
        if (event instanceof IncidentEscalated escalated) {
            return open(fields, id, "reason", escalated.reason());
        }
        if (event instanceof PoliceReferralMade referral) {
            return open(fields, id, "crimeReference", referral.crimeReference()) + open(fields, id, "notes", referral.notes());
        }
        if (event instanceof ExternalReferralRecorded referral) {
            return open(fields, id, "rationale", referral.rationale())
                    + (referral.decision() == ReferralDecision.REFERRED ? open(fields, id, "reference", referral.reference()) : 0);
        }
        if (event instanceof SanctionApplied sanction) {
            UUID subject = sanction.subjectId();
            return openFor(fields, id, subject, "subjectReference", sanction.subjectReference())
                    + openFor(fields, id, subject, "notes", sanction.notes())
                    + openFor(fields, id, subject, "subjectReference", sanction.subjectReference());
        }
        if (event instanceof NoteAdded note) {
            return open(fields, id, "text", note.text());
        }
        if (event instanceof IncidentReclassified reclassified) {
            return open(fields, id, "reason", reclassified.reason());
        }
        if (event instanceof IncidentClosed closed) {
            return open(fields, id, "summary", closed.summary());
        }
        if (event instanceof IncidentReopened reopened) {
            return open(fields, id, "reason", reopened.reason());
        }
        return 0;
    }

    private int open(FieldOpener fields, UUID incidentId, String field, Sealed sealed) {
        if (sealed == null) {
            return 0;
        }
        sink += fields.open(incidentId, field, sealed).length();
        return 1;
    }

    private int openFor(FieldOpener fields, UUID incidentId, UUID subjectId, String field, Sealed sealed) {
        if (sealed == null) {
            return 0;
        }
        sink += fields.openFor(incidentId, subjectId, field, sealed).length();
        return 1;
    }

    /** Drops from the cache the keys of the event's incident and of the pupils its report names. */
    private void forgetKeys(IncidentEvent event, IncidentEvent reportOfIncident) {
        personalData.forgetIncidentKey(event.incidentId());
        Set<UUID> subjects = new LinkedHashSet<>();
        if (event instanceof SanctionApplied sanction) {
            subjects.add(sanction.subjectId());
        }
        if (reportOfIncident instanceof IncidentReported reported && reported.incidentId().equals(event.incidentId())) {
            reported.subjects().stream().map(Subject::subjectId).forEach(subjects::add);
        }
        subjects.forEach(personalData::forgetSubjectKey);
    }

    // --- (d) the read log

    private void readLog() throws SQLException {
        int n = config.privacyCommandIterations;
        int warmUp = Math.max(50, n / 10);
        System.out.printf("privacy: read log, %,d entries each after %,d%n", n, warmUp);
        try (Connection connection = DriverManager.getConnection(config.privacyJdbcUrl, config.jdbcUser, "")) {
            String table = "access_log";
            String note;
            if (exists(connection, "access_log")) {
                note = "the privacy database's `access_log` (Flyway `V2__access_log.sql`: 4 indexes, append-only triggers), "
                        + "rows marked `service = 'bench'`";
            } else {
                table = "access_log_bench";
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TEMPORARY TABLE access_log_bench (id BIGSERIAL PRIMARY KEY, "
                            + "at TIMESTAMPTZ NOT NULL DEFAULT now(), service TEXT NOT NULL, user_id TEXT NOT NULL, "
                            + "role TEXT NOT NULL, school_id TEXT, trust_id TEXT, action TEXT NOT NULL, incident_id UUID, "
                            + "subject_id UUID, subject_reference TEXT, outcome TEXT NOT NULL, status INTEGER NOT NULL)");
                }
                note = "**no `access_log` table in the privacy database**: a temporary table of the same columns (not "
                        + "WAL-logged, no indexes: a lower bound)";
            }
            String insert = "INSERT INTO " + table + " (service, user_id, role, school_id, trust_id, action, incident_id, "
                    + "subject_id, subject_reference, outcome, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            UUID incidentId = UUID.randomUUID();
            String reference = knownReference(0);
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                LongConsumer timelineRead = i -> entry(statement, incidentId, null, null);
                LongConsumer personRead = i -> {
                    UUID subjectId = personalData.knownSubject(SCHOOL, reference).orElseThrow();
                    entry(statement, null, subjectId, personalData.sealForPerson(subjectId, ReadLog.SUBJECT_REFERENCE_FIELD,
                            reference).ciphertext());
                };
                measure.loop(warmUp, timelineRead, false);
                ThreadLoop.Measured timeline = measure.loop(n, timelineRead, true);
                measure.loop(warmUp, personRead, false);
                ThreadLoop.Measured person = measure.loop(n, personRead, true);

                report.line("");
                report.line("**(d) The read log**: one entry per read of case data, written before the answer is "
                        + "released (`ReadLogFilter`), as `ReadLog.record` writes it: one INSERT of one row, autocommit, "
                        + "into " + note + ". " + String.format(Locale.ROOT, "%,d", n) + " entries each after " + warmUp
                        + ", one connection, prepared statement.");
                report.blank();
                report.tableHeader("read-log entry", "entries", "CPU per entry", "PostgreSQL CPU per entry", "wall p50",
                        "wall p99", "wall mean");
                logRow("a timeline read (incident, no person): one INSERT", timeline);
                logRow("a read about a person: index lookup + reference sealed with their key + INSERT", person);
                report.flush();
            }
        }
    }

    private void logRow(String label, ThreadLoop.Measured m) {
        report.row(label, String.format(Locale.ROOT, "%,d", m.iterations()), micros(m.cpuMicros()), m.postgres(),
                micros(m.wall().getValueAtPercentile(50)), "**" + micros(m.wall().getValueAtPercentile(99))
                        + "**", "**" + micros(m.wallMicros()) + "**");
    }

    private static void entry(PreparedStatement statement, UUID incidentId, UUID subjectId, String sealedReference) {
        try {
            statement.setString(1, "bench");
            statement.setString(2, "dsl.a");
            statement.setString(3, "DSL");
            statement.setString(4, SCHOOL);
            statement.setString(5, "TRUST-1");
            statement.setString(6, subjectId == null ? "TIMELINE" : "SANCTIONS");
            statement.setObject(7, incidentId);
            statement.setObject(8, subjectId);
            statement.setString(9, sealedReference);
            statement.setString(10, "ALLOWED");
            statement.setInt(11, 200);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("a read-log entry could not be written: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    // --- helpers

    private String newReference() {
        return "P-BENCH-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static String knownReference(int i) {
        return String.format("P-BENCH-K%04d", i);
    }

    static String text(int bytes) {
        StringBuilder text = new StringBuilder("synthetic benchmark text, no personal data: ");
        while (text.length() < bytes) {
            text.append("lorem ipsum ");
        }
        return text.substring(0, bytes);
    }
}
