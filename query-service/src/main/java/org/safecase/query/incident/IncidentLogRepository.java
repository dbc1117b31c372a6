package org.safecase.query.incident;

import org.safecase.events.Classification;
import org.safecase.events.IncidentReported;
import org.safecase.events.Role;
import org.safecase.platform.security.AccessRules.StaffAllegationSight;
import org.safecase.query.projection.ProjectionStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;


/** The SQL of the incident log. Every change is one statement on the row, never read-modify-write. */
@Repository
public class IncidentLogRepository {

    private static final String TOUCH = "version = GREATEST(version, :sequence), last_event_at = GREATEST(last_event_at, :at)";

    private final ProjectionStatements statements;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    IncidentLogRepository(JdbcTemplate jdbc, ProjectionStatements statements) {
        this.statements = statements;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    void reported(IncidentReported event, long sequence) {
        statements.update(event.incidentId(), """
                INSERT INTO incident_log (incident_id, school_id, category_code, category_name, classification, status,
                                occurred_at, reported_at, reported_by_role, subject_count, off_site,
                                allegation_against_staff, source_system, version, last_event_at, against_head_teacher)
                VALUES (:incident, :school, :code, :name, :classification, 'OPEN', :occurred, :at, :role, :subjects,
                        :offSite, :againstStaff, :source, :sequence, :at, :againstHead)
                ON CONFLICT (incident_id) DO NOTHING""",
                new MapSqlParameterSource()
                        .addValue("incident", event.incidentId())
                        .addValue("school", event.schoolId())
                        .addValue("code", event.category().code())
                        .addValue("name", event.category().name())
                        .addValue("classification", event.category().classification().name())
                        .addValue("occurred", time(event.occurredAt()))
                        .addValue("at", time(event.recordedAt()))
                        .addValue("role", event.actor().role().name())
                        .addValue("subjects", event.subjects().size())
                        .addValue("offSite", event.offSite())
                        .addValue("againstStaff", event.allegationAgainstStaff())
                        .addValue("againstHead", event.againstHeadTeacher())
                        .addValue("source", event.source() == null ? null : event.source().system())
                        .addValue("sequence", sequence));
    }

    /** The first escalation is the one the log shows. */
    void escalated(UUID incidentId, String to, Instant at, long sequence) {
        update("escalated_at = COALESCE(escalated_at, :at), escalated_to = COALESCE(escalated_to, :to)",
                params(incidentId, at, sequence).addValue("to", to));
    }

    /** The earliest referral, police or an agency, is the one the log shows as referred. */
    void referredToPolice(UUID incidentId, Instant referredAt, Instant at, long sequence) {
        update("""
                police_referred = TRUE, police_referred_at = LEAST(police_referred_at, CAST(:referredAt AS timestamptz)),
                referred_at = LEAST(referred_at, CAST(:referredAt AS timestamptz))""",
                params(incidentId, at, sequence).addValue("referredAt", time(referredAt)));
    }

    void referredToAgency(UUID incidentId, Instant referredAt, Instant at, long sequence) {
        update("referred_at = LEAST(referred_at, CAST(:referredAt AS timestamptz))",
                params(incidentId, at, sequence).addValue("referredAt", time(referredAt)));
    }

    void sanctionApplied(UUID incidentId, Instant at, long sequence) {
        update("sanction_count = sanction_count + 1", params(incidentId, at, sequence));
    }

    void reclassified(UUID incidentId, String code, String name, Classification classification,
                      Instant at, long sequence) {
        update("category_code = :code, category_name = :name, classification = :classification, reclassified = TRUE",
                params(incidentId, at, sequence).addValue("code", code).addValue("name", name)
                        .addValue("classification", classification.name()));
    }

    void closed(UUID incidentId, String outcome, Instant at, long sequence) {
        update("status = 'CLOSED', closed_at = :at, outcome = :outcome",
                params(incidentId, at, sequence).addValue("outcome", outcome));
    }

    void reopened(UUID incidentId, Instant at, long sequence) {
        update("status = 'OPEN', closed_at = NULL, outcome = NULL", params(incidentId, at, sequence));
    }

    /** A correction of the report (R20): the log shows the corrected value. */
    void occurredAtCorrected(UUID incidentId, Instant occurredAt, Instant at, long sequence) {
        update("occurred_at = :occurred", params(incidentId, at, sequence).addValue("occurred", time(occurredAt)));
    }

    void offSiteCorrected(UUID incidentId, boolean offSite, Instant at, long sequence) {
        update("off_site = :offSite", params(incidentId, at, sequence).addValue("offSite", offSite));
    }

    void subjectAdded(UUID incidentId, Instant at, long sequence) {
        update("subject_count = subject_count + 1", params(incidentId, at, sequence));
    }

    void subjectRemoved(UUID incidentId, Instant at, long sequence) {
        update("subject_count = GREATEST(subject_count - 1, 0)", params(incidentId, at, sequence));
    }

    void touched(UUID incidentId, Instant at, long sequence) {
        statements.update(incidentId, "UPDATE incident_log SET %s WHERE incident_id = :incident".formatted(TOUCH),
                params(incidentId, at, sequence));
    }

    public Optional<IncidentRecord> find(UUID incidentId) {
        return jdbc.query("SELECT * FROM incident_log WHERE incident_id = ?", ROW, incidentId)
                .stream().findFirst();
    }

    List<IncidentRecord> search(IncidentLogQuery query, Set<String> schools,
                                StaffAllegationSight sight) {
        if (schools.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource params = filter(query, schools);
        params.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
        return named.query("""
                SELECT * FROM incident_log WHERE %s
                ORDER BY reported_at DESC, incident_id LIMIT :limit OFFSET :offset"""
                .formatted(where(query, sight)), params, ROW);
    }

    long count(IncidentLogQuery query, Set<String> schools, StaffAllegationSight sight) {
        if (schools.isEmpty()) {
            return 0;
        }
        Long total = named.queryForObject("SELECT count(*) FROM incident_log WHERE %s"
                .formatted(where(query, sight)), filter(query, schools), Long.class);
        return total == null ? 0 : total;
    }

    private static String where(IncidentLogQuery query, StaffAllegationSight sight) {
        StringBuilder where = new StringBuilder("school_id IN (:schools)");
        if (sight == StaffAllegationSight.NONE) {
            where.append(" AND NOT allegation_against_staff");
        }
        if (sight == StaffAllegationSight.ALL_BUT_AGAINST_HEAD_TEACHER) {
            where.append(" AND NOT against_head_teacher");
        } else if (sight == StaffAllegationSight.ONLY_AGAINST_HEAD_TEACHER) {
            where.append(" AND against_head_teacher");
        }
        if (query.status() != null) {
            where.append(" AND status = :status");
        }
        if (query.classification() != null) {
            where.append(" AND classification = :classification");
        }
        if (query.category() != null) {
            where.append(" AND category_code = :category");
        }
        if (query.from() != null) {
            where.append(" AND occurred_at >= :from");
        }
        if (query.to() != null) {
            where.append(" AND occurred_at < :to");
        }
        return where.toString();
    }

    private static MapSqlParameterSource filter(IncidentLogQuery query, Set<String> schools) {
        return new MapSqlParameterSource()
                .addValue("schools", schools)
                .addValue("status", query.status() == null ? null : query.status().name())
                .addValue("classification", query.classification() == null ? null : query.classification().name())
                .addValue("category", query.category())
                .addValue("from", time(query.from()))
                .addValue("to", time(query.to()));
    }

    private void update(String set, MapSqlParameterSource params) {
        statements.update((UUID) params.getValue("incident"), "UPDATE incident_log SET %s, %s WHERE incident_id = :incident".formatted(set, TOUCH),
                params);
    }

    private static MapSqlParameterSource params(UUID incidentId, Instant at, long sequence) {
        return new MapSqlParameterSource().addValue("incident", incidentId).addValue("at", time(at))
                .addValue("sequence", sequence);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<IncidentRecord> ROW = (rs, row) -> new IncidentRecord(
            rs.getObject("incident_id", UUID.class), rs.getString("school_id"), rs.getString("category_code"),
            rs.getString("category_name"), Classification.valueOf(rs.getString("classification")), rs.getString("status"),
            instant(rs, "occurred_at"), instant(rs, "reported_at"), Role.valueOf(rs.getString("reported_by_role")),
            instant(rs, "escalated_at"), rs.getString("escalated_to"), rs.getBoolean("police_referred"),
            instant(rs, "police_referred_at"), instant(rs, "referred_at"), instant(rs, "closed_at"),
            rs.getString("outcome"), rs.getInt("subject_count"), rs.getBoolean("off_site"),
            rs.getBoolean("allegation_against_staff"), rs.getBoolean("reclassified"), rs.getInt("sanction_count"),
            rs.getString("source_system"), rs.getLong("version"), instant(rs, "last_event_at"),
            rs.getBoolean("against_head_teacher"));
}
