package org.safecase.query.statistics;

import org.safecase.query.projection.ProjectionStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The statistics tables of a generation schema. Counters only ever move by atomic increments, in a
 * fixed order of their keys (so that concurrent transactions lock them in the same order); the rows read before a
 * change are the incidents' own bookkeeping rows, locked first, once for a poll's incidents.
 */
@Repository
class StatisticsRepository {

    /** One counter of a school and month. */
    record Counter(Dimension dimension, String parent, String item) {
        static final Comparator<Counter> ORDER = Comparator.comparing(Counter::dimension)
                .thenComparing(Counter::parent).thenComparing(Counter::item);
    }

    /** An incident's bookkeeping row, as it stands before the event. */
    record Tracked(String schoolId, LocalDate period, String classification, String category, String outcome,
                   boolean staffAllegation, Set<String> referredTo) {

        Tracked {
            referredTo = Set.copyOf(referredTo);
        }

        Tracked reclassified(String classification, String category) {
            return new Tracked(schoolId, period, classification, category, outcome, staffAllegation, referredTo);
        }

        Tracked closed(String outcome) {
            return new Tracked(schoolId, period, classification, category, outcome, staffAllegation, referredTo);
        }

        Tracked referred(String target) {
            Set<String> targets = new HashSet<>(referredTo);
            targets.add(target);
            return new Tracked(schoolId, period, classification, category, outcome, staffAllegation, targets);
        }
    }

    /** One row of sums read back: a school's counter for one month of reports. */
    record CountRow(String schoolId, YearMonth period, Dimension dimension, String parent, String item, long count) {
    }

    /** How many incidents were escalated, and the median of their seconds from report to first escalation. */
    record Escalations(long incidents, Double medianSeconds) {
    }

    private final JdbcTemplate jdbc;
    private final ProjectionStatements statements;

    StatisticsRepository(JdbcTemplate jdbc, ProjectionStatements statements) {
        this.jdbc = jdbc;
        this.statements = statements;
    }

    /**
     * The bookkeeping rows of the incidents that have one, locked until the transaction ends, in the order of their
     * ids; an incident whose report was never seen has none.
     */
    Map<UUID, Tracked> lockAll(Collection<UUID> incidentIds) {
        Map<UUID, Tracked> tracked = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT incident_id, school_id, period, classification, category, outcome, staff_allegation, referred_to
                    FROM statistics_incident WHERE incident_id = ANY (?) ORDER BY incident_id FOR UPDATE""");
            statement.setArray(1, connection.createArrayOf("uuid", incidentIds.toArray()));
            return statement;
        }, (RowCallbackHandler) rs -> tracked.put(rs.getObject("incident_id", UUID.class),
                new Tracked(rs.getString("school_id"), rs.getDate("period").toLocalDate(), rs.getString("classification"),
                        rs.getString("category"), rs.getString("outcome"), rs.getBoolean("staff_allegation"),
                        Set.copyOf(Arrays.asList((String[]) rs.getArray("referred_to").getArray())))));
        return tracked;
    }

    /** Starts tracking an incident (one its caller knows is not tracked yet). */
    void track(UUID incidentId, Instant reportedAt, Tracked tracked) {
        statements.update(incidentId, """
                INSERT INTO statistics_incident (incident_id, school_id, period, reported_at, classification, category, staff_allegation)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO NOTHING""",
                incidentId, tracked.schoolId(), Date.valueOf(tracked.period()), utc(reportedAt), tracked.classification(),
                tracked.category(), tracked.staffAllegation());
    }

    void reclassify(UUID incidentId, String classification, String category) {
        statements.update(incidentId, "UPDATE statistics_incident SET classification = ?, category = ? WHERE incident_id = ?",
                classification, category, incidentId);
    }

    void setOutcome(UUID incidentId, String outcome) {
        statements.update(incidentId, "UPDATE statistics_incident SET outcome = ? WHERE incident_id = ?", outcome, incidentId);
    }

    /** Records the first escalation only; later ones leave the time to escalation as it was. */
    void escalated(UUID incidentId, Instant at, LocalDate recordedIn) {
        statements.update(incidentId, """
                UPDATE statistics_incident SET seconds_to_escalation = GREATEST(0, ROUND(EXTRACT(EPOCH FROM (?::timestamptz - reported_at))))::bigint,
                              escalated_in = GREATEST(?, period)
                WHERE incident_id = ? AND seconds_to_escalation IS NULL""",
                utc(at), Date.valueOf(recordedIn), incidentId);
    }

    /** Marks the incident referred to {@code target} (one its caller knows it was not referred to yet). */
    void referred(UUID incidentId, String target) {
        statements.update(incidentId, """
                UPDATE statistics_incident SET referred_to = array_append(referred_to, ?::varchar)
                WHERE incident_id = ? AND NOT (?::varchar = ANY (referred_to))""",
                target, incidentId, target);
    }

    /**
     * Adds each change to its counter, atomically: never a read followed by a write. The counters of an
     * allegation against staff are kept apart, for the readers who may not read those (R12). While a poll is being
     * applied, the changes are summed and written once at its end, in the order of their keys: the counters are the
     * only rows that events of different incidents share, so two polls applied at once lock them in the same order.
     */
    void add(String schoolId, LocalDate period, LocalDate recordedIn, boolean staffAllegation,
             Map<Counter, Long> changes) {
        Map<CountKey, Long> pending = statements.batching() ? pending() : new TreeMap<>(CountKey.ORDER);
        // a change of nothing touches no counter; one that sums to nothing over a poll still leaves its row at 0,
        // as when the events were applied one by one, so the rows do not depend on how events were grouped
        changes.forEach((counter, change) -> {
            if (change != 0) {
                pending.merge(new CountKey(schoolId, period, recordedIn, staffAllegation, counter), change, Long::sum);
            }
        });
        if (!statements.batching()) {
            write(pending);
        }
    }

    /** One counter row's key. */
    private record CountKey(String schoolId, LocalDate period, LocalDate recordedIn, boolean staffAllegation,
                            Counter counter) {
        static final Comparator<CountKey> ORDER = Comparator.comparing(CountKey::schoolId)
                .thenComparing(CountKey::period).thenComparing(CountKey::recordedIn)
                .thenComparing(CountKey::staffAllegation).thenComparing(CountKey::counter, Counter.ORDER);
    }

    /** The changes summed so far in this poll's pass over the generation, written when the pass ends. */
    @SuppressWarnings("unchecked")
    private Map<CountKey, Long> pending() {
        Map<CountKey, Long> pending = (Map<CountKey, Long>) TransactionSynchronizationManager.getResource(this);
        if (pending != null) {
            return pending;
        }
        Map<CountKey, Long> created = new TreeMap<>(CountKey.ORDER);
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(StatisticsRepository.this);
            }
        });
        statements.atFlush(() -> {
            TransactionSynchronizationManager.unbindResourceIfPossible(this);
            write(created);
        });
        return created;
    }

    private void write(Map<CountKey, Long> changes) {
        List<Object[]> rows = changes.entrySet().stream().map(e -> {
            CountKey key = e.getKey();
            return new Object[]{key.schoolId(), Date.valueOf(key.period()), Date.valueOf(key.recordedIn()),
                    key.staffAllegation(), key.counter().dimension().name(), key.counter().parent(),
                    key.counter().item(), e.getValue()};
        }).toList();
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO statistics_count AS c (school_id, period, recorded_in, staff_allegation, dimension, parent, item, count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (school_id, period, recorded_in, staff_allegation, dimension, parent, item)
                DO UPDATE SET count = c.count + EXCLUDED.count""", rows);
    }

    /**
     * The schools' counters for incidents reported from {@code from} to {@code to}, as they stood
     * before {@code before} (changes recorded in earlier months only), with or without the incidents
     * that are allegations against staff.
     */
    List<CountRow> counts(Collection<String> schoolIds, YearMonth from, YearMonth to, LocalDate before,
                          boolean withStaffAllegations) {
        List<CountRow> rows = new ArrayList<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT school_id, period, dimension, parent, item, SUM(count) AS count FROM statistics_count
                    WHERE school_id = ANY (?) AND period BETWEEN ? AND ? AND recorded_in < ?
                      AND (? OR NOT staff_allegation)
                    GROUP BY school_id, period, dimension, parent, item
                    HAVING SUM(count) <> 0""");
            statement.setArray(1, textArray(connection, schoolIds));
            statement.setDate(2, Date.valueOf(from.atDay(1)));
            statement.setDate(3, Date.valueOf(to.atDay(1)));
            statement.setDate(4, Date.valueOf(before));
            statement.setBoolean(5, withStaffAllegations);
            return statement;
        }, rs -> {
            rows.add(new CountRow(rs.getString("school_id"), YearMonth.from(rs.getDate("period").toLocalDate()),
                    Dimension.valueOf(rs.getString("dimension")), rs.getString("parent"), rs.getString("item"),
                    rs.getLong("count")));
        });
        return rows;
    }

    /**
     * The median time to first escalation of the schools' incidents reported in the range, as before
     * {@code before}, with or without the allegations against staff.
     */
    Escalations escalations(Collection<String> schoolIds, YearMonth from, YearMonth to, LocalDate before,
                            boolean withStaffAllegations) {
        Map<String, Object> row = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT count(*) AS incidents,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_escalation) AS median
                    FROM statistics_incident
                    WHERE school_id = ANY (?) AND period BETWEEN ? AND ? AND escalated_in < ?
                      AND seconds_to_escalation IS NOT NULL AND (? OR NOT staff_allegation)""");
            statement.setArray(1, textArray(connection, schoolIds));
            statement.setDate(2, Date.valueOf(from.atDay(1)));
            statement.setDate(3, Date.valueOf(to.atDay(1)));
            statement.setDate(4, Date.valueOf(before));
            statement.setBoolean(5, withStaffAllegations);
            return statement;
        }, rs -> {
            row.put("incidents", rs.getLong("incidents"));
            double median = rs.getDouble("median");
            row.put("median", rs.wasNull() ? null : median);
        });
        return new Escalations((Long) row.getOrDefault("incidents", 0L), (Double) row.get("median"));
    }

    /**
     * Whether any of the schools has counters from before allegations against staff were kept apart
     * (V13): those count them with everything else until a rebuild.
     */
    boolean countsAllegationsUnsplit(Collection<String> schoolIds) {
        Boolean unsplit = jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM statistics_unsplit_school WHERE school_id = ANY (?))");
            statement.setArray(1, textArray(connection, schoolIds));
            return statement;
        }, rs -> rs.next() && rs.getBoolean(1));
        return Boolean.TRUE.equals(unsplit);
    }

    private static Array textArray(java.sql.Connection connection, Collection<String> values) throws java.sql.SQLException {
        return connection.createArrayOf("varchar", values.toArray());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
