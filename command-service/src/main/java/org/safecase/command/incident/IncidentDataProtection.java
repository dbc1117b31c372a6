package org.safecase.command.incident;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.safecase.command.incident.IncidentCommands.DisposeIncidentCommand;
import org.safecase.command.incident.IncidentCommands.EraseSubjectCommand;
import org.safecase.command.incident.IncidentCommands.PlaceLegalHoldCommand;
import org.safecase.command.incident.IncidentCommands.ReleaseLegalHoldCommand;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.UUID;

/**
 * The data protection officer's commands on one incident: erasing a subject, disposal, legal holds.
 * The aggregate decides whether each is allowed (role, trust, legal hold); destroying keys is the
 * caller's, once the event is stored.
 */
@Service
public class IncidentDataProtection {

    private final CommandSender sender;
    private final EventStore eventStore;
    private final ActingUsers actingUsers;
    private final Clock clock;

    IncidentDataProtection(CommandSender sender, EventStore eventStore, ActingUsers actingUsers, Clock clock) {
        this.sender = sender;
        this.eventStore = eventStore;
        this.actingUsers = actingUsers;
        this.clock = clock;
    }

    /**
     * Erases a person from one incident: true if this appended a {@code SubjectErased}, false if there was nothing
     * left to erase there (erased before, or the whole incident disposed of: the aggregate answers its version).
     */
    public boolean eraseSubject(UUID incidentId, UUID subjectId, String reason, AuthenticatedUser user) {
        long before = eventStore.lastSequenceNumberFor(incidentId.toString()).orElse(-1L);
        CommandResult result = sender.result(incidentId, new EraseSubjectCommand(incidentId, subjectId, reason,
                actingUsers.of(user), clock.instant()));
        return result.version() > before;
    }

    public CommandResult dispose(UUID incidentId, String retentionRule, String reason, AuthenticatedUser user) {
        return sender.result(incidentId, new DisposeIncidentCommand(incidentId, retentionRule, reason,
                actingUsers.of(user), clock.instant()));
    }

    public CommandResult placeLegalHold(UUID incidentId, String reason, AuthenticatedUser user) {
        return sender.result(incidentId, new PlaceLegalHoldCommand(incidentId, reason, actingUsers.of(user),
                clock.instant()));
    }

    public CommandResult releaseLegalHold(UUID incidentId, String reason, AuthenticatedUser user) {
        return sender.result(incidentId, new ReleaseLegalHoldCommand(incidentId, reason, actingUsers.of(user),
                clock.instant()));
    }
}
