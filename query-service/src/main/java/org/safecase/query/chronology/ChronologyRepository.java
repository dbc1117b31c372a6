package org.safecase.query.chronology;

import org.safecase.events.CategoryRef;
import org.safecase.events.IncidentReported;
import org.safecase.events.Subject;
import org.safecase.platform.security.AccessRules.StaffAllegationSight;
import org.safecase.query.incident.IncidentAccess;
import org.safecase.query.projection.ProjectionStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;


@Repository
class ChronologyRepository {

    /** One entry of a person's file as stored. */
    record Row(UUID incidentId, long sequence, String schoolId, Instant at, String type, String category,
               String categoryName, String subjectType, String role, String summary) {
    }

    private final ProjectionStatements statements;
    private final NamedParameterJdbcTemplate named;

    ChronologyRepository(JdbcTemplate jdbc, ProjectionStatements statements) {
        this.statements = statements;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The people of a reported incident, each with the incident's category and routing. */
    void addSubjects(IncidentReported reported) {
        CategoryRef category = reported.category();
        for (Subject subject : reported.subjects()) {
            if (subject.subjectId() == null) {
                continue;
            }
            statements.update(reported.incidentId(), """
                    INSERT INTO chronology_subject (incident_id, subject_id, school_id, subject_type, involvement, category_code,
                                    category_name, allegation_against_staff)
                    VALUES (:incident, :subject, :school, :type, :involvement, :code, :name, :againstStaff)
                    ON CONFLICT (incident_id, subject_id) DO NOTHING""",
                    new MapSqlParameterSource()
                            .addValue("incident", reported.incidentId())
                            .addValue("subject", subject.subjectId())
                            .addValue("school", reported.schoolId())
                            .addValue("type", subject.type() == null ? null : subject.type().name())
                            .addValue("involvement", subject.involvement() == null ? null : subject.involvement().name())
                            .addValue("code", category == null ? null : category.code())
                            .addValue("name", category == null ? null : category.name())
                            .addValue("againstStaff", reported.allegationAgainstStaff()));
        }
    }

    /**
     * A person added later, with the incident's category and routing as its other people have them (a person
     * added to an incident none of whose people is left on record is not added).
     */
    void addSubject(UUID incidentId, Subject subject) {
        statements.update(incidentId, """
                INSERT INTO chronology_subject (incident_id, subject_id, school_id, subject_type, involvement, category_code,
                                  category_name, allegation_against_staff)
                SELECT incident_id, :subject, school_id, :type, :involvement, category_code, category_name,
                       allegation_against_staff
                FROM chronology_subject WHERE incident_id = :incident LIMIT 1
                ON CONFLICT (incident_id, subject_id) DO NOTHING""",
                new MapSqlParameterSource()
                        .addValue("incident", incidentId)
                        .addValue("subject", subject.subjectId())
                        .addValue("type", subject.type() == null ? null : subject.type().name())
                        .addValue("involvement", subject.involvement() == null ? null : subject.involvement().name()));
    }

    /** Later entries of the incident carry its new category. */
    void reclassify(UUID incidentId, CategoryRef to) {
        statements.update(incidentId, """
                UPDATE chronology_subject SET category_code = :code, category_name = :name
                WHERE incident_id = :incident""",
                new MapSqlParameterSource().addValue("incident", incidentId)
                        .addValue("code", to == null ? null : to.code()).addValue("name", to == null ? null : to.name()));
    }

    /** An entry on the file of one person of the incident (nothing if they are not in it). */
    void addFor(UUID incidentId, UUID subjectId, long sequence, Instant at, String type, String summary) {
        statements.update(incidentId, insertEntries("AND s.subject_id = :subject"),
                entry(incidentId, sequence, at, type, summary).addValue("subject", subjectId));
    }

    /** An entry on the file of every person of the incident. */
    void addForEveryone(UUID incidentId, long sequence, Instant at, String type, String summary) {
        statements.update(incidentId, insertEntries(""), entry(incidentId, sequence, at, type, summary));
    }

    /** An erased person's file loses the incident, and the incident's later events no longer reach them. */
    void forgetSubject(UUID incidentId, UUID subjectId) {
        MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("incident", incidentId)
                .addValue("subject", subjectId);
        statements.update(incidentId, "DELETE FROM chronology_entry WHERE incident_id = :incident AND subject_id = :subject", parameters);
        statements.update(incidentId, "DELETE FROM chronology_subject WHERE incident_id = :incident AND subject_id = :subject", parameters);
    }

    /** A disposed incident's entries go from every file; the disposal line that follows is all that stays. */
    void forgetIncident(UUID incidentId) {
        statements.update(incidentId, "DELETE FROM chronology_entry WHERE incident_id = :incident",
                new MapSqlParameterSource().addValue("incident", incidentId));
    }

    /**
     * The files of the given people within the given schools, in time order. Entries of a staff or
     * volunteer subject, or of an allegation against staff, only when {@code staffVisible}.
     */
    List<Row> entries(Collection<UUID> subjectIds, Set<String> schools, StaffAllegationSight sight) {
        if (subjectIds.isEmpty() || schools.isEmpty()) {
            return List.of();
        }
        return named.query("""
                SELECT incident_id, sequence, school_id, at, event_type, category_code, category_name, subject_type,
                       involvement, summary
                FROM chronology_entry
                WHERE subject_id IN (:subjects) AND school_id IN (:schools)
                  AND (:staffVisible OR NOT (allegation_against_staff OR coalesce(subject_type IN ('STAFF', 'VOLUNTEER'), FALSE)))
                  AND %s
                ORDER BY at, incident_id, sequence""".formatted(IncidentAccess.headTeacherSight(sight, "incident_id")),
                new MapSqlParameterSource().addValue("subjects", subjectIds).addValue("schools", schools)
                        .addValue("staffVisible", sight != StaffAllegationSight.NONE),
                (rs, row) -> new Row(rs.getObject("incident_id", UUID.class), rs.getLong("sequence"),
                        rs.getString("school_id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("event_type"), rs.getString("category_code"), rs.getString("category_name"),
                        rs.getString("subject_type"), rs.getString("involvement"), rs.getString("summary")));
    }

    private static String insertEntries(String condition) {
        return """
                INSERT INTO chronology_entry (subject_id, incident_id, sequence, school_id, at, event_type, category_code, category_name,
                                subject_type, involvement, allegation_against_staff, summary)
                SELECT s.subject_id, s.incident_id, :sequence, s.school_id, :at, :type, s.category_code, s.category_name,
                       s.subject_type, s.involvement, s.allegation_against_staff, :summary
                FROM chronology_subject s WHERE s.incident_id = :incident %s
                ON CONFLICT (subject_id, incident_id, sequence) DO NOTHING"""
                .formatted(condition);
    }

    private static MapSqlParameterSource entry(UUID incidentId, long sequence, Instant at, String type, String summary) {
        return new MapSqlParameterSource().addValue("incident", incidentId).addValue("sequence", sequence)
                .addValue("at", at.atOffset(ZoneOffset.UTC)).addValue("type", type).addValue("summary", summary);
    }
}
