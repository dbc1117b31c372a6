package org.safecase.query.sanction;

import org.safecase.events.SanctionApplied;
import org.safecase.platform.security.AccessRules.StaffAllegationSight;
import org.safecase.query.incident.IncidentAccess;
import org.safecase.query.projection.ProjectionStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;


@Repository
class SanctionRepository {

    /** A sanction as stored, with its incident's current category and routing. */
    record Row(UUID incidentId, String schoolId, String subjectType, String type, LocalDate startsOn,
               LocalDate endsOn, Instant appliedAt, String appliedBy, String category,
               String categoryName, boolean allegationAgainstStaff) {
    }

    /** A person's incidents of one category in one school, and in how many of them they were sanctioned. */
    record CategoryCount(String schoolId, String category, String categoryName, int incidents, int sanctioned) {
    }

    private final ProjectionStatements statements;
    private final NamedParameterJdbcTemplate named;

    SanctionRepository(JdbcTemplate jdbc, ProjectionStatements statements) {
        this.statements = statements;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    void add(long sequence, SanctionApplied sanction, String subjectReference) {
        statements.update(sanction.incidentId(), """
                INSERT INTO sanction (incident_id, sequence, school_id, subject_id, subject_reference, subject_type,
                                sanction_type, starts_on, ends_on, applied_at, applied_by, applied_by_role)
                VALUES (:incident, :sequence, :school, :subjectId, :subject, :subjectType, :type, :startsOn, :endsOn, :at,
                        :by, :role)
                ON CONFLICT (incident_id, sequence) DO NOTHING""",
                new MapSqlParameterSource()
                        .addValue("incident", sanction.incidentId())
                        .addValue("sequence", sequence)
                        .addValue("school", sanction.schoolId())
                        .addValue("subjectId", sanction.subjectId())
                        .addValue("subject", subjectReference)
                        .addValue("subjectType", sanction.subjectType() == null ? null : sanction.subjectType().name())
                        .addValue("type", sanction.type().name())
                        .addValue("startsOn", sanction.startsOn())
                        .addValue("endsOn", sanction.endsOn())
                        .addValue("at", sanction.recordedAt().atOffset(ZoneOffset.UTC))
                        .addValue("by", sanction.actor().userId())
                        .addValue("role", sanction.actor().role().name()));
    }

    /** An erased person's sanctions in the incident no longer answer to their reference. */
    void forgetSubject(UUID incidentId, UUID subjectId) {
        statements.update(incidentId, "UPDATE sanction SET subject_reference = NULL WHERE incident_id = :incident AND subject_id = :subject",
                new MapSqlParameterSource().addValue("incident", incidentId).addValue("subject", subjectId));
    }

    /** A disposed incident's sanctions no longer answer to any reference. */
    void forgetIncident(UUID incidentId) {
        statements.update(incidentId, "UPDATE sanction SET subject_reference = NULL WHERE incident_id = :incident", new MapSqlParameterSource().addValue("incident", incidentId));
    }

    /**
     * The sanctions of one subject reference within the given schools, newest applied first. An
     * incident whose report is not projected counts as an allegation against staff: hidden unless allowed.
     */
    List<Row> ofSubject(String subjectReference, Set<String> schools, StaffAllegationSight sight) {
        if (schools.isEmpty()) {
            return List.of();
        }
        return named.query("""
                SELECT s.incident_id, s.school_id, s.subject_type, s.sanction_type, s.starts_on, s.ends_on, s.applied_at,
                       s.applied_by, l.category_code, l.category_name,
                       COALESCE(l.allegation_against_staff, TRUE) AS allegation_against_staff
                FROM sanction s LEFT JOIN incident_log l ON l.incident_id = s.incident_id
                WHERE s.subject_reference = :subject AND s.school_id IN (:schools) AND %s
                ORDER BY s.applied_at DESC, s.incident_id, s.sequence DESC"""
                        .formatted(IncidentAccess.headTeacherSight(sight, "s.incident_id")),
                new MapSqlParameterSource().addValue("subject", subjectReference).addValue("schools", schools),
                (rs, row) -> new Row(rs.getObject("incident_id", UUID.class), rs.getString("school_id"),
                        rs.getString("subject_type"), rs.getString("sanction_type"),
                        rs.getObject("starts_on", LocalDate.class),
                        rs.getObject("ends_on", LocalDate.class),
                        rs.getObject("applied_at", OffsetDateTime.class).toInstant(), rs.getString("applied_by"),
                        rs.getString("category_code"), rs.getString("category_name"),
                        rs.getBoolean("allegation_against_staff")));
    }

    /**
     * Per school and category (as the incident now stands), the incidents that occurred on or after
     * {@code since} in which one of the given people is the alleged subject or was sanctioned. From the
     * projections the person's file reads (chronology_subject: who is in which incident, with what part), so a
     * person removed as wrongly recorded or erased no longer counts, nor does a disposed incident. Incidents of
     * a staff or volunteer subject, or of an allegation against staff, only when {@code staffVisible}.
     */
    List<CategoryCount> incidentsByCategory(Collection<UUID> subjectIds, Set<String> schools,
                                            Instant since, StaffAllegationSight sight) {
        if (subjectIds.isEmpty() || schools.isEmpty()) {
            return List.of();
        }
        return named.query("""
                WITH theirs AS (
                    SELECT p.school_id, p.category_code, p.category_name,
                           EXISTS (SELECT 1 FROM sanction s WHERE s.incident_id = p.incident_id
                                   AND s.subject_id = p.subject_id) AS sanctioned, p.involvement
                    FROM chronology_subject p JOIN incident_log l ON l.incident_id = p.incident_id
                    WHERE p.subject_id IN (:subjects) AND p.school_id IN (:schools) AND l.occurred_at >= :since
                      AND (:staffVisible OR NOT (p.allegation_against_staff
                                                 OR coalesce(p.subject_type IN ('STAFF', 'VOLUNTEER'), FALSE)))
                      AND %s
                      AND NOT EXISTS (SELECT 1 FROM chronology_entry d WHERE d.incident_id = p.incident_id
                                      AND d.event_type = 'IncidentDisposed'))
                SELECT school_id, category_code, max(category_name) AS category_name, count(*) AS incidents,
                       count(*) FILTER (WHERE sanctioned) AS sanctioned
                FROM theirs WHERE involvement = 'ALLEGED' OR sanctioned
                GROUP BY school_id, category_code
                ORDER BY school_id, category_code""".formatted(IncidentAccess.headTeacherSight(sight, "p.incident_id")),
                new MapSqlParameterSource().addValue("subjects", subjectIds).addValue("schools", schools)
                        .addValue("since", since.atOffset(ZoneOffset.UTC))
                        .addValue("staffVisible", sight != StaffAllegationSight.NONE),
                (rs, row) -> new CategoryCount(rs.getString("school_id"), rs.getString("category_code"),
                        rs.getString("category_name"), rs.getInt("incidents"), rs.getInt("sanctioned")));
    }
}
