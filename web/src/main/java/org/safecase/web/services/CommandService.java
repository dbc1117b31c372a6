package org.safecase.web.services;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The command service's public API, as the signed-in user. Every change to an incident names the version the
 * page showed ({@code If-Match}), so a change made meanwhile by someone else is refused, never overwritten.
 */
@Component
public class CommandService {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Category(String code, String name, String classification, List<String> subjectTypes,
                           boolean noCopies) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Accepted(UUID incidentId, long version) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(String userId, String role) {
    }

    /** One stored event as auditors read it: its place in the incident's chain and in the store's order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StoredEvent(UUID eventId, long sequence, String type, int schemaVersion, Instant recordedAt,
                              Actor actor, String hash, String previousHash, Long position) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Verification(UUID incidentId, boolean valid, int events, String headHash, Long brokenAt,
                               String reason) {
    }

    /** A person in an incident, by the school's reference; "[erased]" once erased. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subject(String type, String reference, String involvement, String yearGroup, boolean erased) {
    }

    /** An action of an incident: who must do it, by when, and whether it is done. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(UUID actionId, String title, String owner, LocalDate dueOn, boolean done) {
    }

    /** A device taken from a person of the incident; {@code handedOverTo} null while the school still holds it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Device(UUID deviceId, String description, String ownerReference, String legalBasis,
                         Instant seizedAt, String handedOverTo, Instant handedOverAt) {

        public boolean held() {
            return handedOverTo == null;
        }
    }

    /** The incident as it stood after a version, rebuilt from its events (the fields the pages show). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PastState(UUID incidentId, long version, Instant asOf, String category, String categoryName,
                            String classification, String status, boolean legalHold, String outcome,
                            List<Subject> subjects, List<Object> escalations, List<Object> referrals,
                            List<Object> sanctions, List<Action> actions, List<Device> devices) {

        public List<Action> openActions() {
            return actions == null ? List.of() : actions.stream().filter(action -> !action.done()).toList();
        }

        public List<Device> devicesHeld() {
            return devices == null ? List.of() : devices.stream().filter(Device::held).toList();
        }
    }

    /** An action the sanctions matrix suggests for a category, and the sanction types that record it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SuggestedSanction(String action, String words, List<String> sanctionTypes) {
    }

    /** One table of the matrix (the pupils' or the staff's): the people it is for, and what it suggests. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TableSuggestions(List<String> subjectTypes, List<SuggestedSanction> suggested) {

        boolean isFor(Collection<String> types) {
            return types == null || (subjectTypes != null && subjectTypes.stream().anyMatch(types::contains));
        }
    }

    /** The policy's suggestions for a category, from the pupils' table and the staff table. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SanctionSuggestions(String category, TableSuggestions pupils, TableSuggestions staff) {

        /**
         * Every sanction type suggested by the tables for people of these types (pupils take the pupils' table,
         * staff and volunteers the staff table; every table when the types are not known), each once, in the
         * matrix's order.
         */
        public List<String> sanctionTypes(Collection<String> subjectTypes) {
            return Stream.of(pupils, staff)
                    .filter(Objects::nonNull)
                    .filter(table -> table.isFor(subjectTypes))
                    .flatMap(table -> table.suggested() == null ? Stream.empty() : table.suggested().stream())
                    .flatMap(suggestion -> suggestion.sanctionTypes() == null ? Stream.empty()
                            : suggestion.sanctionTypes().stream())
                    .distinct().toList();
        }
    }

    /** An incident whose retention ends on or before the day asked about: never any personal data. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RetentionDue(UUID incidentId, String schoolId, String category, String rule, LocalDate dueOn,
                               boolean closed, boolean legalHold) {
    }

    /** Who the services take the signed-in user to be: identifiers only. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Me(String userId, String role, String schoolId, String trustId) {
    }

    /** A signed tree head of the integrity log: every event of the store up to {@code treeSize}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checkpoint(String origin, long treeSize, String rootHash, Instant signedAt, String keyId,
                             String signature) {
    }

    /** A checkpoint-signing public key: Ed25519, the raw 32-byte key in Base64. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SigningKey(String keyId, String algorithm, String publicKey, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConsistencyProof(long first, long second, List<String> proof) {
    }

    private final RestClient client;

    CommandService(@Qualifier("commandClient") RestClient client) {
        this.client = client;
    }

    public Me me() {
        return client.get().uri("/api/v1/me").retrieve().body(Me.class);
    }

    public List<Category> categories() {
        return client.get().uri("/api/v1/categories").retrieve()
                .body(new ParameterizedTypeReference<List<Category>>() {
                });
    }

    /** The sanctions the policy's matrix suggests for a category. */
    public SanctionSuggestions sanctionSuggestions(String category) {
        return client.get().uri("/api/v1/categories/{code}/sanctions", category).retrieve()
                .body(SanctionSuggestions.class);
    }

    public List<StoredEvent> events(UUID incidentId) {
        return client.get().uri("/api/v1/incidents/{id}/events", incidentId).retrieve()
                .body(new ParameterizedTypeReference<List<StoredEvent>>() {
                });
    }

    public Verification verification(UUID incidentId) {
        return client.get().uri("/api/v1/incidents/{id}/verification", incidentId).retrieve().body(Verification.class);
    }

    public PastState stateAt(UUID incidentId, long version) {
        return client.get().uri(uri -> uri.path("/api/v1/incidents/{id}/state").queryParam("atVersion", version)
                .build(incidentId)).retrieve().body(PastState.class);
    }

    public Checkpoint latestCheckpoint() {
        return client.get().uri("/api/v1/audit/checkpoints/latest").retrieve().body(Checkpoint.class);
    }

    public List<SigningKey> signingKeys() {
        return client.get().uri("/api/v1/audit/keys").retrieve().body(new ParameterizedTypeReference<List<SigningKey>>() {
        });
    }

    /** The proof that the log's first {@code first} events are unchanged in its first {@code second}. */
    public ConsistencyProof consistency(long first, long second) {
        return client.get().uri(uri -> uri.path("/api/v1/audit/checkpoints/consistency").queryParam("first", first)
                .queryParam("second", second).build()).retrieve().body(ConsistencyProof.class);
    }

    public List<RetentionDue> retentionDue(LocalDate asOf) {
        return client.get().uri(uri -> uri.path("/api/v1/retention/due").queryParam("asOf", asOf).build()).retrieve()
                .body(new ParameterizedTypeReference<List<RetentionDue>>() {
                });
    }

    /**
     * A data protection officer's command on an incident, which changes no case content and so names no version:
     * {@code disposal}, {@code legal-hold} or {@code legal-hold/release}.
     */
    public void dataProtection(UUID incidentId, String resource, String reason) {
        client.post().uri("/api/v1/incidents/{id}/" + resource, incidentId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", reason == null ? "" : reason)).retrieve().toBodilessEntity();
    }

    /** Erases a person's personal data everywhere, for good; answers the number of incidents erased from. */
    public int erase(String reference, String schoolId, String reason) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("schoolId", schoolId);
        body.put("reason", reason);
        tools.jackson.databind.JsonNode answer = client.post().uri("/api/v1/subjects/{reference}/erasure", reference)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(tools.jackson.databind.JsonNode.class);
        return answer == null ? 0 : answer.path("incidents").size();
    }

    /**
     * A subject access export of one person of a school: every incident they appear in, each event's content opened,
     * everyone else by a role word. As the service answers it, to show and to hand over unchanged.
     */
    public tools.jackson.databind.JsonNode subjectAccess(String reference, String schoolId) {
        return client.get().uri(uri -> uri.path("/api/v1/subjects/{reference}/export").queryParam("schoolId", schoolId)
                .build(reference)).retrieve().body(tools.jackson.databind.JsonNode.class);
    }

    /** Reports an incident; the idempotency key makes a second press of the button answer the same incident. */
    public Accepted report(Map<String, Object> body, String idempotencyKey) {
        return client.post().uri("/api/v1/incidents").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", idempotencyKey).body(body).retrieve().body(Accepted.class);
    }

    /**
     * One command on an incident: {@code resource} is the contract's path for it under the incident, a template
     * whose variables are filled, each encoded, from {@code variables} ({@code escalations},
     * {@code actions/{actionId}/completion}, {@code subjects/{reference}/removal}).
     */
    public Accepted command(UUID incidentId, String resource, long expectedVersion, Map<String, Object> body,
                            Object... variables) {
        Object[] uriVariables = new Object[variables.length + 1];
        uriVariables[0] = incidentId;
        System.arraycopy(variables, 0, uriVariables, 1, variables.length);
        return client.post().uri("/api/v1/incidents/{id}/" + resource, uriVariables)
                .contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + expectedVersion + "\"")
                .body(body).retrieve().body(Accepted.class);
    }
}
