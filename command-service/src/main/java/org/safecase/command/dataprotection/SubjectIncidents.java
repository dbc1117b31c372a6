package org.safecase.command.dataprotection;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.safecase.events.IncidentReported;
import org.safecase.events.Subject;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectErased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Which incidents each person appears in, by subject id, kept from the events in the transaction that
 * stores them: how an erasure or a subject access request finds a person's incidents.
 */
@Component
@ProcessingGroup("data-protection")
class SubjectIncidents {

    private final JdbcTemplate jdbc;

    SubjectIncidents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IncidentReported event) {
        for (Subject subject : event.subjects()) {
            jdbc.update("""
                    INSERT INTO subject_incident (subject_id, incident_id, school_id) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", subject.subjectId(), event.incidentId(), event.schoolId());
        }
    }

    @EventHandler
    void on(SubjectAdded event) {
        jdbc.update("""
                INSERT INTO subject_incident (subject_id, incident_id, school_id) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", event.subject().subjectId(), event.incidentId(), event.schoolId());
    }

    @EventHandler
    void on(SubjectErased event) {
        jdbc.update("DELETE FROM subject_incident WHERE subject_id = ? AND incident_id = ?", event.subjectId(),
                event.incidentId());
    }

    /** The incidents of the person, oldest link first. */
    List<UUID> incidentsOf(UUID subjectId) {
        return jdbc.queryForList("SELECT incident_id FROM subject_incident WHERE subject_id = ? ORDER BY incident_id",
                UUID.class, subjectId);
    }
}
