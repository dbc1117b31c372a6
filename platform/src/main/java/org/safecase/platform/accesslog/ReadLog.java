package org.safecase.platform.accesslog;

import org.safecase.events.Sealed;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.privacy.PersonalDataUnavailableException;
import org.safecase.platform.privacy.PrivacyDatabase;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes the read log ({@code access_log} in the privacy database, append-only): one entry per read
 * of case data, and one per person read about when a reference names several (an auditor's read across
 * the trust's schools). Identifiers only; a person's reference only sealed with their own key.
 */
@Component
public class ReadLog {

    /** What became of a read. */
    public enum Outcome {
        /** Answered with data (2xx; 3xx too, though no case read redirects). */
        ALLOWED,
        /** Refused: the role, the school, the incident or the request (4xx). */
        REFUSED,
        /** Failed in the service (5xx): nothing was served. */
        FAILED;

        static Outcome of(int status) {
            return status < 400 ? ALLOWED : status < 500 ? REFUSED : FAILED;
        }
    }

    /**
     * The field a reference is sealed as in the log: a name of its own, so that a sealed reference cannot be
     * moved between the log and an event.
     */
    public static final String SUBJECT_REFERENCE_FIELD = "accessLog.subjectReference";

    private record Subject(String schoolId, UUID subjectId) {
    }

    private static final String COLUMNS = "service, user_id, role, school_id, trust_id, action, incident_id, subject_id, "
            + "subject_reference, outcome, status";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final PersonalData personalData;
    private final SchoolDirectory schools;

    ReadLog(PrivacyDatabase database, PersonalData personalData, SchoolDirectory schools) {
        this.jdbc = database.jdbc();
        this.personalData = personalData;
        this.schools = schools;
    }

    /** Records the read, or throws: the caller must then serve nothing. */
    void record(String service, CaseRead.Match read, AuthenticatedUser user, int status) {
        String requestedSchool = read.schoolId() != null && schools.isKnownSchool(read.schoolId()) ? read.schoolId() : null;
        String school = requestedSchool != null ? requestedSchool : user.schoolId();
        String trust = user.trustId() != null ? user.trustId()
                : user.schoolId() != null ? schools.trustOf(user.schoolId()).orElse(null) : null;
        UUID incidentId = read.incident();
        Outcome outcome = Outcome.of(status);

        List<Subject> subjects = subjects(read.reference(), requestedSchool, user);
        List<Object> values = new ArrayList<>();
        if (subjects.isEmpty()) {
            values.addAll(Arrays.asList(service, user.userId(), user.role().name(), school, trust, read.action(), incidentId,
                    null, null, outcome.name(), status));
        }
        for (Subject subject : subjects) {
            values.addAll(Arrays.asList(service, user.userId(), user.role().name(), subject.schoolId(), trust, read.action(),
                    incidentId, subject.subjectId(), sealedReference(subject.subjectId(), read.reference()),
                    outcome.name(), status));
        }
        // one statement, so that a read is recorded whole or not at all
        jdbc.update("INSERT INTO access_log (" + COLUMNS + ") VALUES "
                + String.join(", ", Collections.nCopies(Math.max(1, subjects.size()), ROW)), values.toArray());
    }

    /**
     * Who the reference names: in the school the request named, else the user's, else each school of the
     * user's trust. An unknown (or erased) reference names no one.
     */
    private List<Subject> subjects(String reference, String requestedSchool, AuthenticatedUser user) {
        if (reference == null || reference.isBlank()) {
            return List.of();
        }
        List<String> searched = requestedSchool != null ? List.of(requestedSchool)
                : user.schoolId() != null ? List.of(user.schoolId())
                : user.trustId() != null ? schools.schoolsOfTrust(user.trustId()).stream().sorted().toList()
                : List.of();
        return searched.stream()
                .flatMap(school -> personalData.knownSubject(school, reference).map(id -> new Subject(school, id)).stream())
                .toList();
    }

    /** The reference sealed with the person's key; none if the key went in the meantime (erased). */
    private String sealedReference(UUID subjectId, String reference) {
        try {
            return Optional.ofNullable(personalData.sealForPerson(subjectId, SUBJECT_REFERENCE_FIELD, reference))
                    .map(Sealed::ciphertext).orElse(null);
        } catch (PersonalDataUnavailableException erased) {
            return null;
        }
    }
}
