package org.safecase.command.dataprotection;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.safecase.command.incident.CommandResult;
import org.safecase.command.incident.IncidentDataProtection;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The data protection officer's calls: erasure, disposal, legal holds and subject access exports. */
@RestController
class DataProtectionController {

    private final SubjectErasure erasure;
    private final IncidentDisposal disposal;
    private final IncidentDataProtection incidents;
    private final SubjectAccessExport exports;

    DataProtectionController(SubjectErasure erasure, IncidentDisposal disposal, IncidentDataProtection incidents,
                             SubjectAccessExport exports) {
        this.erasure = erasure;
        this.disposal = disposal;
        this.incidents = incidents;
        this.exports = exports;
    }

    @PostMapping(path = "/api/v1/subjects/{reference}/erasure", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Erase a person's personal data (DPO)", description = """
            Destroys the person's key: their reference, date of birth, year group and what was recorded against them \
            become unreadable everywhere, for good. A `SubjectErased` event is added to each of their incidents (ids, \
            sequences and statistics stay) but those already disposed of; `incidents` names those it was added to. \
            Refused with rule `LEGAL_HOLD` if any of their incidents is under legal hold; idempotent (an unknown or \
            already erased reference answers an empty `incidents`).""")
    SubjectErasure.Erased erase(@PathVariable String reference, @Valid @RequestBody DataProtectionRequests.Erasure request,
                                AuthenticatedUser user) {
        return erasure.erase(request.schoolId(), reference, request.reason(), user);
    }

    @PostMapping(path = "/api/v1/incidents/{id}/disposal", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Dispose of an incident (DPO)", description = """
            Destroys the incident's key: every personal field of it becomes unreadable for good; its skeleton stays \
            (category, dates, outcome, referral targets, sequence). Event `IncidentDisposed`. Refused with rule \
            `LEGAL_HOLD` under legal hold and `INCIDENT_NOT_CLOSED` while open; idempotent.""")
    ResponseEntity<CommandResult> dispose(@PathVariable UUID id, @Valid @RequestBody DataProtectionRequests.Reason request,
                                          AuthenticatedUser user) {
        return ok(disposal.dispose(id, request.reason(), user));
    }

    @PostMapping(path = "/api/v1/incidents/{id}/legal-hold", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Place a legal hold (DPO)", description = "Stops disposal and erasure until released. Idempotent.")
    ResponseEntity<CommandResult> hold(@PathVariable UUID id, @Valid @RequestBody DataProtectionRequests.Reason request,
                                       AuthenticatedUser user) {
        return ok(incidents.placeLegalHold(id, request.reason(), user));
    }

    @PostMapping(path = "/api/v1/incidents/{id}/legal-hold/release", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Release a legal hold (DPO)", description = "Refused with rule `NO_LEGAL_HOLD` when there is none.")
    ResponseEntity<CommandResult> release(@PathVariable UUID id, @Valid @RequestBody DataProtectionRequests.Reason request,
                                          AuthenticatedUser user) {
        return ok(incidents.releaseLegalHold(id, request.reason(), user));
    }

    @GetMapping(path = "/api/v1/subjects/{reference}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Subject access export (DPO)", description = """
            Every incident the person appears in, with each event's content opened and the person's own data; \
            everyone else only as a role word ("another pupil"). Free text is as recorded: review before release.""")
    SubjectAccessExport.Export export(@PathVariable String reference, @RequestParam String schoolId,
                                      AuthenticatedUser user) {
        return exports.export(schoolId, reference, user);
    }

    private static ResponseEntity<CommandResult> ok(CommandResult result) {
        return ResponseEntity.ok().eTag("\"" + result.version() + "\"").body(result);
    }
}
