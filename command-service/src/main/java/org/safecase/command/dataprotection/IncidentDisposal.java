package org.safecase.command.dataprotection;

import org.safecase.command.incident.CommandResult;
import org.safecase.command.incident.IncidentDataProtection;
import org.safecase.command.retention.RetentionSchedule;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.security.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.UUID;

/**
 * Disposes of an incident at the end of its retention: the {@code IncidentDisposed} event (refused under
 * legal hold, and for an open incident), then its key is destroyed. Idempotent: a second disposal, or a
 * retry after a failure in between, destroys the key again and adds no event.
 */
@Service
public class IncidentDisposal {

    private static final Logger log = LoggerFactory.getLogger(IncidentDisposal.class);

    private final IncidentDataProtection incidents;
    private final RetentionSchedule retention;
    private final PersonalData personalData;

    IncidentDisposal(IncidentDataProtection incidents, RetentionSchedule retention, PersonalData personalData) {
        this.incidents = incidents;
        this.retention = retention;
        this.personalData = personalData;
    }

    public CommandResult dispose(UUID incidentId, String reason, AuthenticatedUser user) {
        String rule = retention.of(incidentId).map(RetentionSchedule.DueIncident::rule).orElse(null);
        CommandResult result = incidents.dispose(incidentId, rule, reason, user);
        personalData.destroyIncidentKey(incidentId);
        log.info("Incident {} disposed of by {} (version {})", incidentId, user.userId(), result.version());
        return result;
    }
}
