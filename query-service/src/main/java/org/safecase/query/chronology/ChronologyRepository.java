package org.safecase.query.chronology;

import org.safecase.events.CategoryRef;
import org.safecase.events.IncidentReported;
import org.safecase.events.Subject;
import org.safecase.platform.security.AccessRules.StaffAllegationSight;
import org.safecase.query.incident.IncidentAccess;
import org.safecase.query.projection.ProjectionStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The child's file as stored: each incident's people on record, and each person's entries. */
@Repository
class ChronologyRepository {

    /** One entry of a person's file as stored. */
    record Row(UUID incidentId, long sequence, String schoolId, Instant at, String type, String category,
               String categoryName, String subjectType, String role, String summary) {
    }

    private final ProjectionStatements statements;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    ChronologyRepository(JdbcTemplate jdbc, ProjectionStatements statements) {
        this.statements = statements;
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * A person of an incident as their file carries them: their part, and the incident's school, category and
     * routing (the same for every person of the incident).
     */
    record Person(UUID subjectId, String schoolId, String subjectType, String involvement, String categoryCode,
                  String categoryName, boolean allegationAgainstStaff) {

        static Person of(IncidentReported reported, Subject subject) {
            CategoryRef category = reported.category();
            return new Person(subject.subjectId(), reported.schoolId(), name(subject.type()), name(subject.involvement()),
                    category == null ? null : category.code(), category == null ? null : category.name(),
                    reported.allegationAgainstStaff());
        }

        /** Someone added later, with the incident's school, category and routing as this person has them. */
        Person another(Subject subject) {
            return new Person(subject.subjectId(), schoolId, name(subject.type()), name(subject.involvement()),
                    categoryCode, categoryName, allegationAgainstStaff);
        }

        Person reclassified(CategoryRef to) {
            return new Person(subjectId, schoolId, subjectType, involvement, to == null ? null : to.code(),
                    to == null ? null : to.name(), allegationAgainstStaff);
        }

        private static String name(Enum<?> value) {
            return value == null ? null : value.name();
        }
    }

    /** The people on record of each of the incidents, in one read: by incident, then by person. */
    Map<UUID, Map<UUID, Person>> people(Collection<UUID> incidentIds) {
        Map<UUID, Map<UUID, Person>> people = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT incident_id, subject_id, school_id, subject_type, involvement, category_code, category_name,
                           allegation_against_staff
                    FROM chronology_subject WHERE incident_id = ANY (?) ORDER BY incident_id, subject_id""");
            statement.setArray(1, connection.createArrayOf("uuid", incidentIds.toArray()));
            return statement;
        }, (RowCallbackHandler) rs -> {
            Person person = new Person(rs.getObject("subject_id", UUID.class), rs.getString("school_id"),
                    rs.getString("subject_type"), rs.getString("involvement"), rs.getString("category_code"),
                    rs.getString("category_name"), rs.getBoolean("allegation_against_staff"));
            people.computeIfAbsent(rs.getObject("incident_id", UUID.class), id -> new LinkedHashMap<>())
                    .put(person.subjectId(), person);
        });
        return people;
    }

    /** A person put on record in the incident. */
    void addPerson(UUID incidentId, Person person) {
        statements.update(incidentId, """
                INSERT INTO chronology_subject (incident_id, subject_id, school_id, subject_type, involvement, category_code,
                                category_name, allegation_against_staff)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (incident_id, subject_id) DO NOTHING""",
                incidentId, person.subjectId(), person.schoolId(), person.subjectType(), person.involvement(),
                person.categoryCode(), person.categoryName(), person.allegationAgainstStaff());
    }

    /** Later entries of the incident carry its new category. */
    void reclassify(UUID incidentId, CategoryRef to) {
        statements.update(incidentId, """
                UPDATE chronology_subject SET category_code = ?, category_name = ? WHERE incident_id = ?""",
                to == null ? null : to.code(), to == null ? null : to.name(), incidentId);
    }

    /** An entry on the person's file (one statement of values: a multi-row insert once batched). */
    void addEntry(UUID incidentId, Person person, long sequence, Instant at, String type, String summary) {
        statements.update(incidentId, """
                INSERT INTO chronology_entry (subject_id, incident_id, sequence, school_id, at, event_type, category_code,
                                category_name, subject_type, involvement, allegation_against_staff, summary)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subject_id, incident_id, sequence) DO NOTHING""",
                person.subjectId(), incidentId, sequence, person.schoolId(), at.atOffset(ZoneOffset.UTC), type,
                person.categoryCode(), person.categoryName(), person.subjectType(), person.involvement(),
                person.allegationAgainstStaff(), summary);
    }

    /** An erased person's file loses the incident, and the incident's later events no longer reach them. */
    void forgetSubject(UUID incidentId, UUID subjectId) {
        statements.update(incidentId, "DELETE FROM chronology_entry WHERE incident_id = ? AND subject_id = ?",
                incidentId, subjectId);
        statements.update(incidentId, "DELETE FROM chronology_subject WHERE incident_id = ? AND subject_id = ?",
                incidentId, subjectId);
    }

    /** A disposed incident's entries go from every file; the disposal line that follows is all that stays. */
    void forgetIncident(UUID incidentId) {
        statements.update(incidentId, "DELETE FROM chronology_entry WHERE incident_id = ?", incidentId);
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
}
