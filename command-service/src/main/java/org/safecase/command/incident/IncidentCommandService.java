package org.safecase.command.incident;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.safecase.command.category.Category;
import org.safecase.command.category.CategoryCatalogue;
import org.safecase.command.incident.IncidentCommands.AddNoteCommand;
import org.safecase.command.incident.IncidentCommands.ApplySanctionCommand;
import org.safecase.command.incident.IncidentCommands.CloseIncidentCommand;
import org.safecase.command.incident.IncidentCommands.EscalateIncidentCommand;
import org.safecase.command.incident.IncidentCommands.RecordExternalReferralCommand;
import org.safecase.command.incident.IncidentCommands.RecordPoliceReferralCommand;
import org.safecase.command.incident.IncidentCommands.ReclassifyIncidentCommand;
import org.safecase.command.incident.IncidentCommands.ReopenIncidentCommand;
import org.safecase.command.incident.IncidentCommands.ReportIncidentCommand;
import org.safecase.events.Source;
import org.safecase.events.Subject;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.security.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Turns requests into commands: stamps the user and the time, resolves categories, maps Axon's refusals. */
@Service
class IncidentCommandService {

    private static final Logger log = LoggerFactory.getLogger(IncidentCommandService.class);

    /** A report's outcome: the incident, and whether this request created it or found it from an earlier try. */
    record Reported(CommandResult result, boolean created) {
    }

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final CategoryCatalogue catalogue;
    private final IncidentCreationKeys creationKeys;
    private final Clock clock;

    IncidentCommandService(CommandGateway commands, EventStore eventStore, CategoryCatalogue catalogue,
                           IncidentCreationKeys creationKeys, Clock clock) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.catalogue = catalogue;
        this.creationKeys = creationKeys;
        this.clock = clock;
    }

    @Transactional
    Reported report(IncidentRequests.ReportIncident request, String idempotencyKey, AuthenticatedUser user) {
        Category category = category(request.category());
        if (!request.schoolId().equals(user.schoolId())) {
            // before the keys are looked at, so that a retry key never reveals another school's incident
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may report incidents of your own school only");
        }
        Source source = request.source() == null ? null
                : new Source(request.source().system(), request.source().reference());
        UUID incidentId = UUID.randomUUID();
        Optional<UUID> earlier = creationKeys.claim(request.schoolId(), idempotencyKey, source, incidentId);
        if (earlier.isPresent()) {
            log.info("Report retried: incident {} already exists", earlier.get());
            return new Reported(new CommandResult(earlier.get(), currentVersion(earlier.get())), false);
        }
        send(new ReportIncidentCommand(incidentId, request.schoolId(), category, catalogue.version(),
                request.occurredAt(), request.summary(),
                request.subjects().stream().map(s -> new Subject(s.type(), s.reference(), s.involvement(), s.yearGroup()))
                        .toList(),
                Boolean.TRUE.equals(request.offSite()), source, user, now()));
        log.info("Incident {} reported for school {} by {}", incidentId, request.schoolId(), user.userId());
        return new Reported(new CommandResult(incidentId, 0), true);
    }

    CommandResult escalate(UUID id, Long expectedVersion, IncidentRequests.Escalate r, AuthenticatedUser user) {
        return result(id, new EscalateIncidentCommand(id, expectedVersion, r.to(), r.reason(), user, now()));
    }

    CommandResult referToPolice(UUID id, Long expectedVersion, IncidentRequests.PoliceReferral r, AuthenticatedUser user) {
        return result(id, new RecordPoliceReferralCommand(id, expectedVersion, r.force(), r.crimeReference(),
                r.referredAt(), r.notes(), user, now()));
    }

    CommandResult recordExternalReferral(UUID id, Long expectedVersion, IncidentRequests.ExternalReferral r,
                                         AuthenticatedUser user) {
        return result(id, new RecordExternalReferralCommand(id, expectedVersion, r.agency(), r.decision(), r.rationale(),
                r.reference(), r.decidedAt(), user, now()));
    }

    CommandResult applySanction(UUID id, Long expectedVersion, IncidentRequests.Sanction r, AuthenticatedUser user) {
        return result(id, new ApplySanctionCommand(id, expectedVersion, r.subjectReference(), r.type(), r.startsOn(),
                r.endsOn(), r.notes(), user, now()));
    }

    CommandResult addNote(UUID id, Long expectedVersion, IncidentRequests.Note r, AuthenticatedUser user) {
        return result(id, new AddNoteCommand(id, expectedVersion, r.text(), user, now()));
    }

    CommandResult reclassify(UUID id, Long expectedVersion, IncidentRequests.Reclassify r, AuthenticatedUser user) {
        return result(id, new ReclassifyIncidentCommand(id, expectedVersion, category(r.category()), catalogue.version(),
                r.reason(), user, now()));
    }

    CommandResult close(UUID id, Long expectedVersion, IncidentRequests.Close r, AuthenticatedUser user) {
        return result(id, new CloseIncidentCommand(id, expectedVersion, r.outcome(), r.summary(), user, now()));
    }

    CommandResult reopen(UUID id, Long expectedVersion, IncidentRequests.Reopen r, AuthenticatedUser user) {
        return result(id, new ReopenIncidentCommand(id, expectedVersion, r.reason(), user, now()));
    }

    private Category category(String code) {
        return catalogue.find(code)
                .orElseThrow(() -> Refusal.invalid("UNKNOWN_CATEGORY", "category", "is not a category of the catalogue"));
    }

    private CommandResult result(UUID id, Object command) {
        Object version = send(command);
        return new CommandResult(id, ((Number) version).longValue());
    }

    private Object send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw Refusal.notFound("INCIDENT_NOT_FOUND", "No such incident");
        } catch (ConflictingAggregateVersionException e) {
            throw Refusal.stale("The incident has changed since the version in If-Match; read it again");
        } catch (ConcurrencyException e) {
            throw Refusal.byRule("CONCURRENT_CHANGE", "The incident was changed at the same moment; try again");
        }
    }

    private long currentVersion(UUID incidentId) {
        return eventStore.lastSequenceNumberFor(incidentId.toString()).orElse(0L);
    }

    private Instant now() {
        return clock.instant();
    }
}
