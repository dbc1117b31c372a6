package org.safecase.command.retention;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.LegalHoldPlaced;
import org.safecase.events.LegalHoldReleased;
import org.safecase.events.Subject;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectErased;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.PersonalData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Keeps what the retention rules need of each incident, from its events, in the transaction that
 * stores them (processing group {@value #GROUP}, subscribing). A pupil's date of birth is opened here
 * and kept only until the pupil is erased or the incident disposed of.
 */
@Component
@ProcessingGroup(RetentionRecords.GROUP)
class RetentionRecords {

    static final String GROUP = "data-protection";

    private final JdbcTemplate jdbc;
    private final PersonalData personalData;
    private final ZoneId zone;

    RetentionRecords(JdbcTemplate jdbc, PersonalData personalData,
                     @Value("${safecase.retention.zone:Europe/London}") ZoneId zone) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.zone = zone;
    }

    @EventHandler
    void on(IncidentReported event) {
        jdbc.update("""
                INSERT INTO retention_incident (incident_id, school_id, category_code, classification,
                                                allegation_against_staff, occurred_on, reported_on)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO NOTHING""",
                event.incidentId(), event.schoolId(), event.category().code(), event.category().classification().name(),
                event.allegationAgainstStaff(), day(event.occurredAt()), day(event.recordedAt()));
        for (Subject subject : event.subjects()) {
            addSubject(event.incidentId(), subject);
        }
    }

    /** A pupil added later brings their date of birth: the youngest pupil's may now start the clock. */
    @EventHandler
    void on(SubjectAdded event) {
        addSubject(event.incidentId(), event.subject());
    }

    /** A corrected date of the incident is the one the clock starts from when no pupil's birth does. */
    @EventHandler
    void on(IncidentCorrected event) {
        if (event.occurredAt() != null) {
            jdbc.update("UPDATE retention_incident SET occurred_on = ? WHERE incident_id = ?", day(event.occurredAt()),
                    event.incidentId());
        }
    }

    private void addSubject(UUID incidentId, Subject subject) {
        jdbc.update("""
                INSERT INTO retention_subject (incident_id, subject_id, subject_type, born_on) VALUES (?, ?, ?, ?)
                ON CONFLICT (incident_id, subject_id) DO NOTHING""",
                incidentId, subject.subjectId(), subject.type().name(),
                subject.type() == SubjectType.PUPIL ? bornOn(incidentId, subject) : null);
    }

    @EventHandler
    void on(IncidentReclassified event) {
        jdbc.update("UPDATE retention_incident SET category_code = ?, classification = ? WHERE incident_id = ?",
                event.to().code(), event.to().classification().name(), event.incidentId());
    }

    @EventHandler
    void on(IncidentClosed event) {
        jdbc.update("UPDATE retention_incident SET closed = TRUE WHERE incident_id = ?", event.incidentId());
    }

    @EventHandler
    void on(IncidentReopened event) {
        jdbc.update("UPDATE retention_incident SET closed = FALSE WHERE incident_id = ?", event.incidentId());
    }

    @EventHandler
    void on(LegalHoldPlaced event) {
        jdbc.update("UPDATE retention_incident SET legal_hold = TRUE WHERE incident_id = ?", event.incidentId());
    }

    @EventHandler
    void on(LegalHoldReleased event) {
        jdbc.update("UPDATE retention_incident SET legal_hold = FALSE WHERE incident_id = ?", event.incidentId());
    }

    /** The erased person's date of birth goes; the incident's date then starts its clock if no other pupil's does. */
    @EventHandler
    void on(SubjectErased event) {
        jdbc.update("UPDATE retention_subject SET born_on = NULL WHERE incident_id = ? AND subject_id = ?",
                event.incidentId(), event.subjectId());
    }

    @EventHandler
    void on(IncidentDisposed event) {
        jdbc.update("UPDATE retention_incident SET disposed_on = ? WHERE incident_id = ?", day(event.recordedAt()),
                event.incidentId());
        jdbc.update("UPDATE retention_subject SET born_on = NULL WHERE incident_id = ?", event.incidentId());
    }

    private LocalDate bornOn(UUID incidentId, Subject subject) {
        String text = personalData.openFor(incidentId, subject.subjectId(), "dateOfBirth", subject.dateOfBirth());
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null; // erased or unreadable: the incident's date starts the clock
        }
    }

    private LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }
}
