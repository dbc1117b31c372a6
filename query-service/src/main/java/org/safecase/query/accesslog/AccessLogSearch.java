package org.safecase.query.accesslog;

import org.safecase.events.Sealed;
import org.safecase.platform.accesslog.ReadLog;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The read log for the trust's auditors and data protection officer: the entries of their own trust's
 * users only, each person read about shown by their reference (opened with their key) or as erased.
 */
@Component
class AccessLogSearch {

    private final AccessLogRepository log;
    private final PersonalData personalData;
    private final SchoolDirectory schools;

    AccessLogSearch(AccessLogRepository log, PersonalData personalData, SchoolDirectory schools) {
        this.log = log;
        this.personalData = personalData;
        this.schools = schools;
    }

    AccessLogPage search(AuthenticatedUser user, AccessLogQuery query) {
        String trust = user.trustId() != null ? user.trustId()
                : user.schoolId() != null ? schools.trustOf(user.schoolId()).orElse(null) : null;
        if (trust == null) {
            throw Refusal.forbidden("TRUST_REQUIRED", "The read log is read by the users of a trust");
        }
        Set<UUID> subjects = query.subjectReference() == null ? null : subjects(trust, query.subjectReference());
        long total = log.count(trust, query, subjects);
        return new AccessLogPage(log.search(trust, query, subjects).stream().map(this::entry).toList(),
                query.page(), query.size(), total);
    }

    /** References are the schools' own: the reference names a person in any school of the trust. */
    private Set<UUID> subjects(String trust, String reference) {
        return schools.schoolsOfTrust(trust).stream()
                .flatMap(school -> personalData.knownSubject(school, reference).stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    private AccessLogPage.Entry entry(AccessLogRepository.Row row) {
        return new AccessLogPage.Entry(row.at(), row.service(), row.userId(), row.role(), row.schoolId(), row.action(),
                row.incidentId(), reference(row), row.outcome(), row.status());
    }

    private String reference(AccessLogRepository.Row row) {
        if (row.subjectId() == null) {
            return null;
        }
        if (row.sealedReference() == null) {
            // the person was erased before the read was recorded
            return Sealed.ERASED;
        }
        return personalData.openForPerson(row.subjectId(), ReadLog.SUBJECT_REFERENCE_FIELD,
                Sealed.ciphertext(row.sealedReference()));
    }
}
