package org.safecase.command.incident;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.safecase.platform.privacy.KeyStatus;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.problem.Refusal;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** The incident's data key, which every change to it needs to seal its free text. */
@Component
class IncidentKeys {

    private final PersonalData personalData;
    private final EventStore eventStore;

    IncidentKeys(PersonalData personalData, EventStore eventStore) {
        this.personalData = personalData;
        this.eventStore = eventStore;
    }

    /**
     * Ready to seal: 404 for an unknown incident, 409 for a disposed one (its key is gone for good). An
     * incident recorded before encryption gets its key on its first change.
     */
    void require(UUID incidentId) {
        KeyStatus status = personalData.incidentKey(incidentId);
        if (status == KeyStatus.DESTROYED) {
            throw Refusal.byRule("INCIDENT_DISPOSED", "The incident was disposed of at the end of its retention");
        }
        if (status == KeyStatus.ABSENT) {
            if (eventStore.lastSequenceNumberFor(incidentId.toString()).isEmpty()) {
                throw Refusal.notFound("INCIDENT_NOT_FOUND", "No such incident");
            }
            personalData.createIncidentKey(incidentId);
        }
    }
}
