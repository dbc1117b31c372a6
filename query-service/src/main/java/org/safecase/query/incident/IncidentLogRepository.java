package org.safecase.query.incident;

import org.safecase.events.Classification;
import org.safecase.events.Role;
import org.safecase.platform.security.AccessRules.StaffAllegationSight;
import org.safecase.query.projection.ProjectionStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;


/** The SQL of the incident log: its rows read and written whole by the projection, and the reads of the log. */
@Repository
public class IncidentLogRepository {

    private static final String SAVE = """
            INSERT INTO incident_log (incident_id, school_id, category_code, category_name, classification, status,
                            occurred_at, reported_at, reported_by_role, escalated_at, escalated_to, police_referred,
                            police_referred_at, referred_at, closed_at, outcome, subject_count, off_site,
                            allegation_against_staff, reclassified, sanction_count, source_system, version,
                            last_event_at, against_head_teacher)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (incident_id) DO UPDATE SET category_code = EXCLUDED.category_code,
                category_name = EXCLUDED.category_name, classification = EXCLUDED.classification,
                status = EXCLUDED.status, occurred_at = EXCLUDED.occurred_at, escalated_at = EXCLUDED.escalated_at,
                escalated_to = EXCLUDED.escalated_to, police_referred = EXCLUDED.police_referred,
                police_referred_at = EXCLUDED.police_referred_at, referred_at = EXCLUDED.referred_at,
                closed_at = EXCLUDED.closed_at, outcome = EXCLUDED.outcome, subject_count = EXCLUDED.subject_count,
                off_site = EXCLUDED.off_site, reclassified = EXCLUDED.reclassified,
                sanction_count = EXCLUDED.sanction_count, version = EXCLUDED.version,
                last_event_at = EXCLUDED.last_event_at""";

    private final ProjectionStatements statements;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    IncidentLogRepository(JdbcTemplate jdbc, ProjectionStatements statements) {
        this.statements = statements;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The stored rows of these incidents, by incident; an incident whose report was never applied has none. */
    Map<UUID, IncidentLogRow> rows(Collection<UUID> incidentIds) {
        Map<UUID, IncidentLogRow> rows = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT * FROM incident_log WHERE incident_id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("uuid", incidentIds.toArray()));
            return statement;
        }, (RowCallbackHandler) rs -> {
            IncidentRecord stored = ROW.mapRow(rs, rs.getRow());
            rows.put(stored.incidentId(), IncidentLogRow.of(stored));
        });
        return rows;
    }

    /** Writes the rows as they now stand, each in one statement (a multi-row insert once batched). */
    void save(Collection<IncidentLogRow> rows) {
        for (IncidentLogRow row : rows) {
            statements.update(row.incidentId, SAVE, row.incidentId, row.schoolId, row.categoryCode, row.categoryName,
                    row.classification.name(), row.status, time(row.occurredAt), time(row.reportedAt),
                    row.reportedByRole.name(), time(row.escalatedAt), row.escalatedTo, row.policeReferred,
                    time(row.policeReferredAt), time(row.referredAt), time(row.closedAt), row.outcome,
                    row.subjectCount, row.offSite, row.allegationAgainstStaff, row.reclassified, row.sanctionCount,
                    row.sourceSystem, row.version, time(row.lastEventAt), row.againstHeadTeacher);
        }
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
