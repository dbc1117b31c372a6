package org.safecase.command.incident;

import jakarta.validation.Valid;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

@RestController
@RequestMapping(path = "/api/v1/incidents", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
class IncidentCommandController {

    static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x20-\\x7E]{1," + MAX_IDEMPOTENCY_KEY + "}");

    private final IncidentCommandService incidents;

    IncidentCommandController(IncidentCommandService incidents) {
        this.incidents = incidents;
    }

    @PostMapping
    ResponseEntity<CommandResult> report(@Valid @RequestBody IncidentRequests.ReportIncident request,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                         AuthenticatedUser user) {
        IncidentCommandService.Reported reported = incidents.report(request, checkedIdempotencyKey(idempotencyKey), user);
        CommandResult result = reported.result();
        return ResponseEntity.status(reported.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/incidents/" + result.incidentId()))
                .eTag(etag(result))
                .body(result);
    }

    @PostMapping("/{id}/escalations")
    ResponseEntity<CommandResult> escalate(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                           @Valid @RequestBody IncidentRequests.Escalate request, AuthenticatedUser user) {
        return ok(incidents.escalate(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/police-referrals")
    ResponseEntity<CommandResult> referToPolice(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                @Valid @RequestBody IncidentRequests.PoliceReferral request, AuthenticatedUser user) {
        return ok(incidents.referToPolice(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/external-referrals")
    ResponseEntity<CommandResult> recordExternalReferral(@PathVariable UUID id,
                                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                         @Valid @RequestBody IncidentRequests.ExternalReferral request,
                                                         AuthenticatedUser user) {
        return ok(incidents.recordExternalReferral(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/sanctions")
    ResponseEntity<CommandResult> applySanction(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                @Valid @RequestBody IncidentRequests.Sanction request, AuthenticatedUser user) {
        return ok(incidents.applySanction(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/notes")
    ResponseEntity<CommandResult> addNote(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody IncidentRequests.Note request, AuthenticatedUser user) {
        return ok(incidents.addNote(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/reclassification")
    ResponseEntity<CommandResult> reclassify(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                             @Valid @RequestBody IncidentRequests.Reclassify request, AuthenticatedUser user) {
        return ok(incidents.reclassify(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/corrections")
    ResponseEntity<CommandResult> correct(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          @Valid @RequestBody IncidentRequests.Correction request, AuthenticatedUser user) {
        return ok(incidents.correct(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/subjects")
    ResponseEntity<CommandResult> addSubject(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                             @Valid @RequestBody IncidentRequests.SubjectEntry request, AuthenticatedUser user) {
        return ok(incidents.addSubject(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/subjects/{reference}/removal")
    ResponseEntity<CommandResult> removeSubject(@PathVariable UUID id, @PathVariable String reference,
                                                @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                @Valid @RequestBody IncidentRequests.Removal request, AuthenticatedUser user) {
        return ok(incidents.removeSubject(id, expectedVersion(ifMatch), reference, request, user));
    }

    @PostMapping("/{id}/closure")
    ResponseEntity<CommandResult> close(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                        @Valid @RequestBody IncidentRequests.Close request, AuthenticatedUser user) {
        return ok(incidents.close(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/reopening")
    ResponseEntity<CommandResult> reopen(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                         @Valid @RequestBody IncidentRequests.Reopen request, AuthenticatedUser user) {
        return ok(incidents.reopen(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/parent-contacts")
    ResponseEntity<CommandResult> recordParentContact(@PathVariable UUID id,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      @Valid @RequestBody IncidentRequests.ParentContact request,
                                                      AuthenticatedUser user) {
        return ok(incidents.recordParentContact(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/support")
    ResponseEntity<CommandResult> provideSupport(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @Valid @RequestBody IncidentRequests.Support request, AuthenticatedUser user) {
        return ok(incidents.provideSupport(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/actions")
    ResponseEntity<Map<String, Object>> assignAction(@PathVariable UUID id,
                                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                     @Valid @RequestBody IncidentRequests.Action request, AuthenticatedUser user) {
        return created(incidents.assignAction(id, expectedVersion(ifMatch), request, user), "actionId");
    }

    @PostMapping("/{id}/actions/{actionId}/completion")
    ResponseEntity<CommandResult> completeAction(@PathVariable UUID id, @PathVariable UUID actionId,
                                                 @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @Valid @RequestBody IncidentRequests.Completion request, AuthenticatedUser user) {
        return ok(incidents.completeAction(id, expectedVersion(ifMatch), actionId, request, user));
    }

    @PostMapping("/{id}/evidence")
    ResponseEntity<CommandResult> recordEvidence(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @Valid @RequestBody IncidentRequests.Evidence request, AuthenticatedUser user) {
        return ok(incidents.recordEvidence(id, expectedVersion(ifMatch), request, user));
    }

    @PostMapping("/{id}/devices")
    ResponseEntity<Map<String, Object>> seizeDevice(@PathVariable UUID id,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    @Valid @RequestBody IncidentRequests.Device request, AuthenticatedUser user) {
        return created(incidents.seizeDevice(id, expectedVersion(ifMatch), request, user), "deviceId");
    }

    @PostMapping("/{id}/devices/{deviceId}/handover")
    ResponseEntity<CommandResult> handOverDevice(@PathVariable UUID id, @PathVariable UUID deviceId,
                                                 @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                 @Valid @RequestBody IncidentRequests.Handover request, AuthenticatedUser user) {
        return ok(incidents.handOverDevice(id, expectedVersion(ifMatch), deviceId, request, user));
    }

    private static ResponseEntity<CommandResult> ok(CommandResult result) {
        return ResponseEntity.ok().eTag(etag(result)).body(result);
    }

    /** 201 with the incident, its version and the new part's id under {@code idName}. */
    private static ResponseEntity<Map<String, Object>> created(IncidentCommandService.Created created, String idName) {
        CommandResult result = created.result();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidentId", result.incidentId());
        body.put("version", result.version());
        body.put(idName, created.id());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(etag(result)).body(body);
    }

    private static String etag(CommandResult result) {
        return "\"" + result.version() + "\"";
    }

    /**
     * An {@code Idempotency-Key} is 1 to 255 printable ASCII characters (a string of RFC 8941, as the IETF
     * draft has it), checked before it reaches the database; a blank one is none.
     */
    static String checkedIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return null;
        }
        if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw Refusal.invalid("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters");
        }
        return idempotencyKey;
    }

    /** {@code If-Match: "3"} (or {@code W/"3"}, or {@code 3}); {@code *} or none means no check. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw Refusal.invalid("INVALID_IF_MATCH", "If-Match", "must be an incident version such as \"3\"");
        }
    }
}
