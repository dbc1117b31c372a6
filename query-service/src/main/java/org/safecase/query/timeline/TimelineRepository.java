package org.safecase.query.timeline;

import org.safecase.events.Actor;
import org.safecase.events.Role;
import org.safecase.events.Sealed;
import org.safecase.query.projection.ProjectionStatements;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;


@Repository
class TimelineRepository {

    private final ProjectionStatements statements;
    private final JdbcTemplate jdbc;

    TimelineRepository(JdbcTemplate jdbc, ProjectionStatements statements) {
        this.statements = statements;
        this.jdbc = jdbc;
    }

    void add(UUID incidentId, long sequence, UUID eventId, String type, Instant at, Actor actor,
             TimelineSummaries.Entry entry) {
        statements.update(incidentId, """
                INSERT INTO timeline_entry (incident_id, sequence, event_id, event_type, at, actor_user_id, actor_role, summary,
                                detail, subject_id, subject_reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (incident_id, sequence) DO NOTHING""",
                incidentId, sequence, eventId, type, at.atOffset(ZoneOffset.UTC), actor.userId(), actor.role().name(),
                entry.summary(), entry.detail(), entry.subjectId(), entry.subjectReference());
    }

    /** The erased person's entries of the incident (not the erasure's own): their text and reference go. */
    void erase(UUID incidentId, UUID subjectId) {
        statements.update(incidentId, """
                UPDATE timeline_entry SET detail = CASE WHEN detail IS NULL THEN NULL ELSE ? END, subject_reference = NULL
                WHERE incident_id = ? AND subject_id = ? AND event_type NOT IN (%s)"""
                .formatted(clearDetailTypes()), Sealed.ERASED, incidentId, subjectId);
    }

    /** A disposed incident's personal text and references go; the DPO's own reasons stay. */
    void dispose(UUID incidentId) {
        statements.update(incidentId, """
                UPDATE timeline_entry SET detail = CASE WHEN detail IS NULL THEN NULL ELSE ? END, subject_reference = NULL
                WHERE incident_id = ? AND event_type NOT IN (%s)"""
                .formatted(clearDetailTypes()), Sealed.ERASED, incidentId);
    }

    private static String clearDetailTypes() {
        return TimelineSummaries.CLEAR_DETAIL.stream().sorted().map(type -> "'" + type + "'")
                .collect(Collectors.joining(", "));
    }

    List<TimelineView.Entry> entries(UUID incidentId) {
        return jdbc.query("""
                SELECT sequence, at, actor_user_id, actor_role, event_type, summary, detail, subject_reference
                FROM timeline_entry WHERE incident_id = ? ORDER BY sequence""",
                (rs, row) -> new TimelineView.Entry(rs.getLong("sequence"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        new Actor(rs.getString("actor_user_id"), Role.valueOf(rs.getString("actor_role"))),
                        rs.getString("event_type"), rs.getString("summary"), rs.getString("detail"),
                        rs.getString("subject_reference")),
                incidentId);
    }
}
