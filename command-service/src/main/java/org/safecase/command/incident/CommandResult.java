package org.safecase.command.incident;

import java.util.UUID;

/** What every command answers: the incident and its version after the command, also sent as the ETag. */
public record CommandResult(UUID incidentId, long version) {
}
