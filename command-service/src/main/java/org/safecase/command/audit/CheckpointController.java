package org.safecase.command.audit;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.safecase.command.eventstore.IncidentEventEnvelopes;
import org.safecase.command.integrity.Checkpoints;
import org.safecase.command.integrity.IntegrityLog;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/**
 * The integrity log for auditors: signed checkpoints, the public keys to check them, consistency proofs
 * between them, the leaves (event ids and hashes, no content) to recompute a tree head, and the trust's
 * events in the log's order.
 */
@RestController
class CheckpointController {

    private static final int MAX_LEAVES = 10_000;
    private static final int MAX_EVENTS = 100;

    private final Checkpoints checkpoints;
    private final IntegrityLog integrityLog;
    private final EventStore eventStore;
    private final IncidentEventEnvelopes envelopes;
    private final SchoolDirectory schools;

    CheckpointController(Checkpoints checkpoints, IntegrityLog integrityLog, EventStore eventStore,
                         IncidentEventEnvelopes envelopes, SchoolDirectory schools) {
        this.checkpoints = checkpoints;
        this.integrityLog = integrityLog;
        this.eventStore = eventStore;
        this.envelopes = envelopes;
        this.schools = schools;
    }

    @GetMapping(path = "/api/v1/audit/checkpoints/latest", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The latest signed checkpoint (auditors)", description = """
            `{origin, position, treeSize, rootHash, signedAt, keyId, algorithm, signature, note}`: an Ed25519 \
            signature over the C2SP checkpoint body `<origin>\\n<treeSize>\\n<base64 root>\\ntime <signedAt>\\n`, where \
            the root is the RFC 9162 Merkle tree head over the first `treeSize` leaves of the integrity log (each \
            event's hash, in `position` order). `note` is the same as a C2SP signed note. 404 before the first.""")
    Checkpoints.Checkpoint latest() {
        return checkpoints.latest().orElseThrow(() -> Refusal.notFound("NO_CHECKPOINT", "No checkpoint has been signed yet"));
    }

    @GetMapping(path = "/api/v1/audit/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The checkpoint-signing public keys (auditors)",
            description = "`[{keyId, algorithm, publicKey, status}]`: Ed25519, the raw 32-byte key in Base64.")
    List<Checkpoints.PublicKeyView> keys() {
        return checkpoints.keys();
    }

    @GetMapping(path = "/api/v1/audit/checkpoints/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Consistency proof between two tree sizes (auditors)", description = """
            RFC 9162 section 2.1.4: the proof that the tree of the first `first` leaves is a prefix of the tree of \
            the first `second`, as hex node hashes; both at most the latest checkpoint's size.""")
    ConsistencyProof consistency(@RequestParam long first, @RequestParam long second) {
        long signed = checkpoints.latest().map(Checkpoints.Checkpoint::treeSize).orElse(0L);
        if (first < 1 || first > second || second > signed) {
            throw Refusal.invalid("VALIDATION_FAILED", "second",
                    "must be from first to the latest checkpoint's tree size (" + signed + "), first at least 1");
        }
        return new ConsistencyProof(first, second, checkpoints.consistencyProof(first, second));
    }

    record ConsistencyProof(long first, long second, List<String> proof) {
    }

    @GetMapping(path = "/api/v1/audit/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The trust's history in the integrity log's order (auditors)", description = """
            `{items: [envelope...], next}`: every event of the schools the auditor may read (or `schoolId`, one of \
            them), in the order of the integrity log, after the opaque position `after` (default: from the start), \
            at most `limit` (1 to 100). Envelopes in their stored form, personal fields sealed, with `hash`, \
            `previousHash` and `position`: each can be checked against the chain and the signed checkpoints.""")
    AuditEvents events(@RequestParam(required = false) String schoolId, @RequestParam(defaultValue = "-1") long after,
                       @RequestParam(defaultValue = "100") int limit, AuthenticatedUser user) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw Refusal.invalid("VALIDATION_FAILED", "limit", "must be from 1 to " + MAX_EVENTS);
        }
        Set<String> own = user.trustId() != null ? schools.schoolsOfTrust(user.trustId())
                : user.schoolId() != null ? Set.of(user.schoolId()) : Set.of();
        if (schoolId != null && !own.contains(schoolId)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may read the history of your own trust's schools only");
        }
        List<IntegrityLog.Placed> page = integrityLog.placedAfter(schoolId != null ? Set.of(schoolId) : own, after, limit);
        List<IncidentEventEnvelope> items = page.stream().map(placed -> envelopes.envelope(eventStore.readEvents(
                        placed.incidentId().toString(), placed.sequence()).next()).withPosition(placed.position()))
                .toList();
        return new AuditEvents(items, page.size() < limit ? null : page.get(page.size() - 1).position());
    }

    record AuditEvents(List<IncidentEventEnvelope> items, Long next) {
    }

    @GetMapping(path = "/api/v1/audit/leaves", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The integrity log's leaves (auditors)", description = """
            `{items: [{position, eventId, hash}], next}` after a position (default: from the start), at most \
            `limit` (1 to 10000): every event's hash in the log's order, no content, to recompute a tree head.""")
    Leaves leaves(@RequestParam(defaultValue = "-1") long after, @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > MAX_LEAVES) {
            throw Refusal.invalid("VALIDATION_FAILED", "limit", "must be from 1 to " + MAX_LEAVES);
        }
        List<IntegrityLog.Leaf> page = integrityLog.leaves(after, limit);
        return new Leaves(page, page.size() < limit ? null : page.get(page.size() - 1).position());
    }

    record Leaves(List<IntegrityLog.Leaf> items, Long next) {
    }
}
