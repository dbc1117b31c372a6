package org.safecase.query.accesslog;

import org.safecase.platform.privacy.PrivacyDatabase;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The read log as written by both services ({@code access_log} in the privacy database), read only. */
@Repository
class AccessLogRepository {

    /** An entry as stored: the person's reference still sealed with their key. */
    record Row(Instant at, String service, String userId, String role, String schoolId, String action, UUID incidentId,
               UUID subjectId, String sealedReference, String outcome, int status) {
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("at", OffsetDateTime.class).toInstant(),
            rs.getString("service"), rs.getString("user_id"), rs.getString("role"), rs.getString("school_id"),
            rs.getString("action"), rs.getObject("incident_id", UUID.class), rs.getObject("subject_id", UUID.class),
            rs.getString("subject_reference"), rs.getString("outcome"), rs.getInt("status"));

    private final NamedParameterJdbcTemplate named;

    AccessLogRepository(PrivacyDatabase database) {
        this.named = new NamedParameterJdbcTemplate(database.jdbc());
    }

    /**
     * The entries of a trust's users that match the query, newest first. {@code subjects}, when not null,
     * are the people the query's reference names (empty: no one, so nothing matches).
     */
    List<Row> search(String trustId, AccessLogQuery query, Set<UUID> subjects) {
        MapSqlParameterSource parameters = parameters(trustId, query, subjects)
                .addValue("limit", query.size())
                .addValue("offset", (long) query.page() * query.size());
        return named.query("""
                SELECT at, service, user_id, role, school_id, action, incident_id, subject_id, subject_reference,
                       outcome, status
                FROM access_log
                WHERE %s
                ORDER BY at DESC, id DESC
                LIMIT :limit OFFSET :offset""".formatted(where(query, subjects)), parameters, ROW);
    }

    long count(String trustId, AccessLogQuery query, Set<UUID> subjects) {
        Long count = named.queryForObject("SELECT count(*) FROM access_log WHERE " + where(query, subjects),
                parameters(trustId, query, subjects), Long.class);
        return count == null ? 0 : count;
    }

    private static String where(AccessLogQuery query, Set<UUID> subjects) {
        StringBuilder where = new StringBuilder("trust_id = :trust");
        if (query.incidentId() != null) {
            where.append(" AND incident_id = :incident");
        }
        if (subjects != null) {
            where.append(subjects.isEmpty() ? " AND FALSE" : " AND subject_id IN (:subjects)");
        }
        if (query.userId() != null) {
            where.append(" AND user_id = :user");
        }
        if (query.from() != null) {
            where.append(" AND at >= :from");
        }
        if (query.to() != null) {
            where.append(" AND at < :to");
        }
        return where.toString();
    }

    private static MapSqlParameterSource parameters(String trustId, AccessLogQuery query, Set<UUID> subjects) {
        return new MapSqlParameterSource()
                .addValue("trust", trustId)
                .addValue("incident", query.incidentId())
                .addValue("subjects", subjects == null || subjects.isEmpty() ? null : subjects)
                .addValue("user", query.userId())
                .addValue("from", query.from() == null ? null : query.from().atOffset(ZoneOffset.UTC))
                .addValue("to", query.to() == null ? null : query.to().atOffset(ZoneOffset.UTC));
    }
}
