package org.safecase.query.alert;

import org.safecase.platform.security.AccessRules.StaffAllegationSight;
import org.safecase.query.incident.IncidentAccess;
import org.safecase.query.projection.GenerationScope;
import org.safecase.query.projection.ProjectionStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;


/** The duties and actions of incidents, in a generation's schema (see {@code V15__duties_and_actions.sql}). */
@Repository
class DutyRepository {

    /** What an incident's later events need to know of it. */
    record IncidentFacts(String schoolId, String category, boolean allegationAgainstStaff) {
    }

    /** An unmet duty of an open incident. */
    record OpenDuty(UUID incidentId, String schoolId, String category, boolean allegationAgainstStaff, String dutyKey,
                    String due, Instant dueAt) {
    }

    /** An action as listed. */
    record ActionRow(UUID actionId, UUID incidentId, String schoolId, String category, boolean allegationAgainstStaff,
                     String title, String owner, LocalDate dueOn, Instant assignedAt, String assignedBy,
                     Instant completedAt, String completionNote) {
    }

    private final NamedParameterJdbcTemplate named;
    private final ProjectionStatements statements;
    private final GenerationScope scope;

    DutyRepository(JdbcTemplate jdbc, ProjectionStatements statements, GenerationScope scope) {
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.statements = statements;
        this.scope = scope;
    }

    /**
     * What this transaction knows of incidents in one generation: their facts, and, where they were read with the facts,
     * the duties each owes (true once met). An incident whose duties were not read has its duties written blind.
     */
    private static final class Known {
        final Map<UUID, Optional<IncidentFacts>> facts = new HashMap<>();
        final Map<UUID, Map<String, Boolean>> duties = new HashMap<>();
    }

    void incident(UUID incidentId, String schoolId, String category, boolean againstStaff) {
        known().facts.compute(incidentId, (id, facts) -> facts == null || facts.isEmpty()
                ? Optional.of(new IncidentFacts(schoolId, category, againstStaff)) : facts);
        statements.update(incidentId, """
                INSERT INTO duty_incident (incident_id, school_id, category_code, allegation_against_staff, open)
                VALUES (:incident, :school, :category, :againstStaff, TRUE)
                ON CONFLICT (incident_id) DO NOTHING""",
                new MapSqlParameterSource("incident", incidentId).addValue("school", schoolId)
                        .addValue("category", category).addValue("againstStaff", againstStaff));
    }

    /**
     * What the incident's later events need to know of it. The duties are written in a batch at the end of a poll
     * ({@link ProjectionStatements}), so the facts written in the same transaction are remembered here rather than read
     * back; the others are read once per transaction.
     */
    Optional<IncidentFacts> facts(UUID incidentId) {
        return known().facts.computeIfAbsent(incidentId, this::read);
    }

    /**
     * Reads, in one statement, the facts and the duties of those of the incidents not known yet in this transaction:
     * their duties are then followed in memory, and a duty met already, or not owed, costs no statement.
     */
    void recall(Collection<UUID> incidentIds) {
        Known known = known();
        List<UUID> unknown = incidentIds.stream().filter(id -> !known.facts.containsKey(id)).distinct().toList();
        if (unknown.isEmpty()) {
            return;
        }
        unknown.forEach(id -> {
            known.facts.put(id, Optional.empty());
            known.duties.put(id, new HashMap<>());
        });
        named.getJdbcTemplate().query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT i.incident_id, i.school_id, i.category_code, i.allegation_against_staff, d.duty_key,
                           d.met_at IS NOT NULL
                    FROM duty_incident i LEFT JOIN duty d ON d.incident_id = i.incident_id
                    WHERE i.incident_id = ANY (?)""");
            statement.setArray(1, connection.createArrayOf("uuid", unknown.toArray()));
            return statement;
        }, (RowCallbackHandler) rs -> {
            UUID incidentId = rs.getObject(1, UUID.class);
            known.facts.put(incidentId, Optional.of(new IncidentFacts(rs.getString(2), rs.getString(3), rs.getBoolean(4))));
            if (rs.getString(5) != null) {
                known.duties.get(incidentId).put(rs.getString(5), rs.getBoolean(6));
            }
        });
    }

    private Optional<IncidentFacts> read(UUID incidentId) {
        return named.query("SELECT school_id, category_code, allegation_against_staff FROM duty_incident WHERE incident_id = :incident",
                        new MapSqlParameterSource("incident", incidentId),
                (rs, n) -> new IncidentFacts(rs.getString(1), rs.getString(2), rs.getBoolean(3))).stream().findFirst();
    }

    void reclassified(UUID incidentId, String category) {
        known().facts.computeIfPresent(incidentId, (id, facts) -> facts.map(f -> new IncidentFacts(f.schoolId(), category,
                f.allegationAgainstStaff())));
        statements.update(incidentId, "UPDATE duty_incident SET category_code = :category WHERE incident_id = :incident",
                new MapSqlParameterSource("incident", incidentId).addValue("category", category));
    }

    void open(UUID incidentId, boolean open) {
        statements.update(incidentId, "UPDATE duty_incident SET open = :open WHERE incident_id = :incident",
                new MapSqlParameterSource("incident", incidentId).addValue("open", open));
    }

    /** The incident and everything it owed, gone with it at disposal. */
    void forget(UUID incidentId) {
        Known known = known();
        known.facts.put(incidentId, Optional.empty());
        known.duties.put(incidentId, new HashMap<>());
        statements.update(incidentId, "DELETE FROM duty_incident WHERE incident_id = :incident",
                new MapSqlParameterSource("incident", incidentId));
    }

    /** A duty arises, unless the incident already owes (or met) it. */
    void owe(UUID incidentId, String dutyKey, String due, Instant since, Instant dueAt) {
        Map<String, Boolean> owed = known().duties.get(incidentId);
        if (owed != null && owed.putIfAbsent(dutyKey, false) != null) {
            return;
        }
        statements.update(incidentId, """
                INSERT INTO duty (incident_id, duty_key, due, since, due_at)
                VALUES (:incident, :key, :due, :since, :dueAt)
                ON CONFLICT (incident_id, duty_key) DO NOTHING""",
                new MapSqlParameterSource("incident", incidentId).addValue("key", dutyKey).addValue("due", due)
                        .addValue("since", utc(since)).addValue("dueAt", utc(dueAt)));
    }

    /**
     * The duty is met, unless it was already. "Unmet" is written so that it does not match the partial index of unmet
     * duties ({@code met_at IS NULL}): a generic plan cached while the table was small chose that index and scanned
     * every unmet duty of every incident for each event; the primary key finds the one row.
     */
    void meet(UUID incidentId, String dutyKey, Instant at) {
        Map<String, Boolean> owed = known().duties.get(incidentId);
        if (owed != null) {
            if (!Boolean.FALSE.equals(owed.get(dutyKey))) {
                return;
            }
            owed.put(dutyKey, true);
        }
        statements.update(incidentId, "UPDATE duty SET met_at = :at WHERE incident_id = :incident AND duty_key = :key AND COALESCE(met_at, :at) = :at",
                new MapSqlParameterSource("incident", incidentId).addValue("key", dutyKey).addValue("at", utc(at)));
    }

    /** Unmet duties a reclassification no longer asks for ({@code keep}: those it still does, and those not of the category). */
    void dropUnmetExcept(UUID incidentId, Collection<String> categoryDuties, Collection<String> keep) {
        List<String> dropped = categoryDuties.stream().filter(d -> !keep.contains(d)).toList();
        if (dropped.isEmpty()) {
            return;
        }
        Map<String, Boolean> owed = known().duties.get(incidentId);
        if (owed != null && !owed.entrySet().removeIf(duty -> !duty.getValue() && dropped.contains(duty.getKey()))) {
            return;
        }
        statements.update(incidentId, "DELETE FROM duty WHERE incident_id = ? AND met_at IS NULL AND duty_key = ANY (?)", incidentId,
                dropped.toArray(String[]::new));
    }

    void assign(UUID incidentId, UUID actionId, String title, String owner, LocalDate dueOn,
                Instant at, String by) {
        statements.update(incidentId, """
                INSERT INTO incident_action (action_id, incident_id, title, owner, due_on, assigned_at, assigned_by)
                VALUES (:action, :incident, :title, :owner, :dueOn, :at, :by)
                ON CONFLICT (action_id) DO NOTHING""",
                new MapSqlParameterSource("action", actionId).addValue("incident", incidentId).addValue("title", title)
                        .addValue("owner", owner).addValue("dueOn", dueOn).addValue("at", utc(at))
                        .addValue("by", by));
    }

    void complete(UUID incidentId, UUID actionId, Instant at, String note) {
        statements.update(incidentId, "UPDATE incident_action SET completed_at = :at, completion_note = :note "
                        + "WHERE action_id = :action AND incident_id = :incident",
                new MapSqlParameterSource("action", actionId).addValue("incident", incidentId).addValue("at", utc(at)).addValue("note", note));
    }

    /** A time as the projection writes it: with its offset, so that the driver formats it without a calendar. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    List<OpenDuty> openDuties(Collection<String> schools, StaffAllegationSight sight) {
        if (schools.isEmpty()) {
            return List.of();
        }
        return named.query("""
                SELECT d.incident_id, i.school_id, i.category_code, i.allegation_against_staff, d.duty_key, d.due, d.due_at
                FROM duty d JOIN duty_incident i ON i.incident_id = d.incident_id
                WHERE d.met_at IS NULL AND i.open AND i.school_id IN (:schools)
                  AND (:staff OR NOT i.allegation_against_staff) AND %s
                ORDER BY d.due_at, d.incident_id, d.duty_key""".formatted(IncidentAccess.headTeacherSight(sight, "d.incident_id")),
                new MapSqlParameterSource("schools", schools).addValue("staff", sight != StaffAllegationSight.NONE),
                (rs, n) -> new OpenDuty(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
    }

    /** The unmet duties of the open incidents among these that fell due before {@code now}, by incident. */
    Map<UUID, List<String>> overdue(Collection<UUID> incidentIds, Instant now) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<String>> overdue = new LinkedHashMap<>();
        named.query("""
                SELECT d.incident_id, d.due FROM duty d JOIN duty_incident i ON i.incident_id = d.incident_id
                WHERE d.incident_id IN (:incidents) AND i.open AND d.met_at IS NULL AND d.due_at < :now
                ORDER BY d.due_at, d.duty_key""",
                new MapSqlParameterSource("incidents", incidentIds).addValue("now", Timestamp.from(now)),
                (RowCallbackHandler) rs -> {
                    List<String> dues = overdue.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>());
                    if (!dues.contains(rs.getString(2))) {
                        dues.add(rs.getString(2));
                    }
                });
        return overdue;
    }

    /** Actions of the schools' incidents, of one owner if given, due first. */
    List<ActionRow> actions(Collection<String> schools, String owner, StaffAllegationSight sight) {
        if (schools.isEmpty()) {
            return List.of();
        }
        return named.query("""
                SELECT a.action_id, a.incident_id, i.school_id, i.category_code, i.allegation_against_staff, a.title,
                       a.owner, a.due_on, a.assigned_at, a.assigned_by, a.completed_at, a.completion_note
                FROM incident_action a JOIN duty_incident i ON i.incident_id = a.incident_id
                WHERE i.school_id IN (:schools) AND (CAST(:owner AS VARCHAR) IS NULL OR a.owner = :owner)
                  AND (:staff OR NOT i.allegation_against_staff) AND %s
                ORDER BY a.due_on, a.assigned_at, a.action_id"""
                        .formatted(IncidentAccess.headTeacherSight(sight, "a.incident_id")),
                new MapSqlParameterSource("schools", schools).addValue("owner", owner)
                        .addValue("staff", sight != StaffAllegationSight.NONE),
                (rs, n) -> new ActionRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, LocalDate.class), rs.getTimestamp(9).toInstant(), rs.getString(10),
                        rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12)));
    }

    /**
     * What this transaction has read or written of incidents in the generation it is in, for as long as the
     * transaction lasts (the live consumer writes two generations in one transaction).
     */
    @SuppressWarnings("unchecked")
    private Known known() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return new Known();
        }
        Map<String, Known> bySchema = (Map<String, Known>) TransactionSynchronizationManager.getResource(this);
        if (bySchema != null) {
            return bySchema.computeIfAbsent(scope.entered(), schema -> new Known());
        }
        bySchema = new HashMap<>();
        TransactionSynchronizationManager.bindResource(this, bySchema);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(DutyRepository.this);
            }
        });
        return bySchema.computeIfAbsent(scope.entered(), schema -> new Known());
    }
}
