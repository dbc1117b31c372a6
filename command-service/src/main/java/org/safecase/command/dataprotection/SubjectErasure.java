package org.safecase.command.dataprotection;

import org.safecase.command.incident.IncidentDataProtection;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Erases a person (UK GDPR article 17): a {@code SubjectErased} event in each of their incidents, in one
 * transaction (all or none: one incident under legal hold refuses the whole erasure), then their key is
 * destroyed and their reference removed from the subject index. A retry after a failure in between
 * finds the events done and destroys the key: idempotent.
 */
@Service
class SubjectErasure {

    private static final Logger log = LoggerFactory.getLogger(SubjectErasure.class);

    /** The answer: the reference as asked, and the incidents it was erased from by this request. */
    record Erased(String reference, List<UUID> incidents) {
    }

    private final PersonalData personalData;
    private final SubjectIncidents subjectIncidents;
    private final IncidentDataProtection incidents;
    private final SchoolDirectory schools;
    private final TransactionTemplate transactions;

    SubjectErasure(PersonalData personalData, SubjectIncidents subjectIncidents, IncidentDataProtection incidents,
                   SchoolDirectory schools, TransactionTemplate transactions) {
        this.personalData = personalData;
        this.subjectIncidents = subjectIncidents;
        this.incidents = incidents;
        this.schools = schools;
        this.transactions = transactions;
    }

    Erased erase(String schoolId, String reference, String reason, AuthenticatedUser user) {
        if (!schools.isKnownSchool(schoolId) || !user.belongsTo(schoolId, schools)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may erase data of your own school or trust only");
        }
        Optional<UUID> subject = personalData.knownSubject(schoolId, reference);
        if (subject.isEmpty()) {
            return new Erased(reference, List.of()); // never recorded, or already erased
        }
        UUID subjectId = subject.get();
        List<UUID> erasedFrom = transactions.execute(status -> {
            List<UUID> changed = new ArrayList<>();
            for (UUID incidentId : subjectIncidents.incidentsOf(subjectId)) {
                // a disposed incident names the person still, but holds nothing of theirs to erase
                if (incidents.eraseSubject(incidentId, subjectId, reason, user)) {
                    changed.add(incidentId);
                }
            }
            return changed;
        });
        personalData.destroySubjectKey(subjectId);
        log.info("Subject {} of school {} erased from {} incidents by {}", subjectId, schoolId, erasedFrom.size(),
                user.userId());
        return new Erased(reference, erasedFrom);
    }
}
