package org.safecase.events;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Brings events written before personal fields were encrypted (revision 1) forward to revision 2, on
 * their JSON: each personal text becomes a {@link Sealed} with its legacy clear value, and each subject
 * gets the identifier revision 2 gives it. The one upcast both services use: the event store's upcaster
 * and the query service's decoder (for revision-1 records still on the topic).
 */
public final class LegacyEvents {

    /** The revision before encryption. */
    public static final int CLEAR_REVISION = 1;

    private static final Map<String, List<String>> PERSONAL_TEXT = Map.of(
            "IncidentReported", List.of("summary"),
            "IncidentEscalated", List.of("reason"),
            "PoliceReferralMade", List.of("crimeReference", "notes"),
            "ExternalReferralRecorded", List.of("rationale", "reference"),
            "SanctionApplied", List.of("subjectReference", "notes"),
            "NoteAdded", List.of("text"),
            "IncidentReclassified", List.of("reason"),
            "IncidentClosed", List.of("summary"),
            "IncidentReopened", List.of("reason"));

    private LegacyEvents() {
    }

    /** Whether events of this type and revision were written in clear and need {@link #upcast}. */
    public static boolean isClear(String type, int revision) {
        return revision == CLEAR_REVISION && PERSONAL_TEXT.containsKey(type);
    }

    /** The revision-2 form of a revision-1 payload of the given type (changed in place and returned). */
    public static ObjectNode upcast(String type, ObjectNode payload) {
        String incidentId = payload.path("incidentId").asString("");
        PERSONAL_TEXT.getOrDefault(type, List.of()).forEach(field -> seal(payload, field));
        if (type.equals("IncidentReported") && payload.path("subjects").isArray()) {
            for (JsonNode subject : payload.path("subjects")) {
                if (subject instanceof ObjectNode object) {
                    object.put("subjectId", subjectId(incidentId, object.path("reference").asString("")).toString());
                    seal(object, "reference");
                    seal(object, "yearGroup");
                }
            }
        }
        if (type.equals("SanctionApplied")) {
            String reference = payload.path("subjectReference").path("clear").asString("");
            payload.put("subjectId", subjectId(incidentId, reference).toString());
        }
        return payload;
    }

    /**
     * A revision-1 subject had no identifier: it gets one named by its incident and reference, so the
     * incident's own events agree on it. No key was ever made for it: its fields were never encrypted.
     */
    public static UUID subjectId(String incidentId, String reference) {
        return UUID.nameUUIDFromBytes(("legacy-subject/" + incidentId + "/" + reference).getBytes(StandardCharsets.UTF_8));
    }

    private static void seal(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value != null && value.isString()) {
            ObjectNode sealed = object.objectNode();
            sealed.put("clear", value.asString());
            object.set(field, sealed);
        }
    }
}
