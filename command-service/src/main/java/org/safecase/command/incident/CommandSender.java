package org.safecase.command.incident;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.safecase.platform.problem.Refusal;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Sends a command to an incident and answers its refusals, and Axon's, in the contract's terms: the one
 * place where an incident's refusal becomes HTTP.
 */
@Component
class CommandSender {

    private final CommandGateway commands;

    CommandSender(CommandGateway commands) {
        this.commands = commands;
    }

    CommandResult result(UUID id, Object command) {
        Object version = send(command);
        return new CommandResult(id, ((Number) version).longValue());
    }

    /**
     * Sends the command; if the incident refuses it, or another change got there first, decides it once more: the
     * refusal rolled back and evicted the cached incident, so the second answer is the stored state's (see
     * {@link IncidentCache}). Commands change nothing outside the incident, so deciding again is safe.
     */
    Object send(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (IncidentRefusal | ConflictingAggregateVersionException | ConcurrencyException first) {
            return sendOnce(command);
        } catch (AggregateNotFoundException e) {
            throw Refusal.notFound("INCIDENT_NOT_FOUND", "No such incident");
        }
    }

    private Object sendOnce(Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (IncidentRefusal e) {
            throw asProblem(e);
        } catch (AggregateNotFoundException e) {
            throw Refusal.notFound("INCIDENT_NOT_FOUND", "No such incident");
        } catch (ConflictingAggregateVersionException e) {
            throw Refusal.stale("The incident has changed since the version in If-Match; read it again");
        } catch (ConcurrencyException e) {
            throw Refusal.byRule("CONCURRENT_CHANGE", "The incident was changed at the same moment; try again");
        }
    }

    /** Rules of the policy 409, a role or school not allowed 403, an unacceptable value 400, a missing part 404. */
    private static Refusal asProblem(IncidentRefusal refusal) {
        return switch (refusal.kind()) {
            case POLICY -> Refusal.byRule(refusal.rule(), refusal.getMessage(), refusal.properties());
            case NOT_ALLOWED -> Refusal.forbidden(refusal.rule(), refusal.getMessage());
            case INVALID -> Refusal.invalid(refusal.rule(), refusal.field(), refusal.getMessage());
            case NOT_FOUND -> Refusal.notFound(refusal.rule(), refusal.getMessage());
        };
    }
}
