package org.safecase.query.projection;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentEventTypes;
import org.safecase.events.LegacyEvents;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a record's value into the contract's envelope and its event ({@code IncidentEventTypes.forName(type)}
 * and Jackson on the payload; a revision-1 payload, written in clear before encryption, is brought forward by
 * {@link LegacyEvents}). Anything that does not fit is a {@link PoisonEventException}.
 */
@Component
public class IncidentEventDecoder {

    private static final List<String> REQUIRED = List.of("eventId", "incidentId", "schoolId", "sequence", "type",
            "schemaVersion", "recordedAt", "actor", "payload");
    private static final Pattern PRINTABLE_TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final java.util.function.Predicate<String> HASH = Pattern.compile("[0-9a-f]{64}").asMatchPredicate();

    private final JsonMapper json;

    public IncidentEventDecoder(JsonMapper json) {
        this.json = json;
    }

    public DecodedEvent decode(byte[] value) {
        JsonNode tree = tree(value).orElseThrow(() -> new PoisonEventException("the record is not a JSON object"));
        List<String> missing = REQUIRED.stream().filter(field -> tree.path(field).isMissingNode() || tree.path(field).isNull())
                .toList();
        if (!missing.isEmpty()) {
            throw new PoisonEventException("the envelope lacks " + String.join(", ", missing));
        }
        IncidentEventEnvelope envelope;
        try {
            envelope = json.treeToValue(tree, IncidentEventEnvelope.class);
        } catch (JacksonException e) {
            throw new PoisonEventException("the envelope does not match the contract" + at(e), e);
        }
        if (envelope.sequence() < 0) {
            throw new PoisonEventException("the envelope has a negative sequence");
        }
        Class<? extends IncidentEvent> type = IncidentEventTypes.forName(envelope.type())
                .orElseThrow(() -> new PoisonEventException("unknown event type " + printable(envelope.type())));
        if (envelope.schemaVersion() > IncidentEventTypes.schemaVersion(type)) {
            throw new PoisonEventException("schema version " + envelope.schemaVersion() + " of " + envelope.type()
                    + " is newer than this service knows");
        }
        JsonNode payload = envelope.payload();
        if (LegacyEvents.isClear(envelope.type(), envelope.schemaVersion()) && payload instanceof ObjectNode object) {
            payload = LegacyEvents.upcast(envelope.type(), object.deepCopy());
        }
        IncidentEvent event;
        try {
            event = json.treeToValue(payload, type);
        } catch (JacksonException | NullPointerException | IllegalArgumentException e) {
            throw new PoisonEventException("the payload does not match " + envelope.type() + at(e), e);
        }
        if (event == null || !envelope.incidentId().equals(event.incidentId())) {
            throw new PoisonEventException("the payload and the envelope name different incidents");
        }
        return new DecodedEvent(envelope, event, tree);
    }

    /** Best effort, for a record that may not decode: whatever identifiers it has. */
    public EventIdentity identify(byte[] value) {
        return tree(value).map(tree -> new EventIdentity(uuid(tree.path("eventId")), uuid(tree.path("incidentId")),
                tree.path("sequence").isIntegralNumber() ? tree.path("sequence").asLong() : null,
                tree.path("type").stringValueOpt().map(IncidentEventDecoder::printable).orElse(null),
                tree.path("hash").stringValueOpt().filter(HASH).orElse(null)))
                .orElse(EventIdentity.UNKNOWN);
    }

    private Optional<JsonNode> tree(byte[] value) {
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode tree = json.readTree(value);
            return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static UUID uuid(JsonNode node) {
        try {
            return node.stringValueOpt().map(UUID::fromString).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Where in the JSON the mismatch is, by field names only: never the offending value. */
    private static String at(Exception e) {
        if (e instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return " at " + databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? printable(ref.getPropertyName()) : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        return "";
    }

    private static String printable(String name) {
        return name != null && PRINTABLE_TYPE.matcher(name).matches() ? name : "(unprintable)";
    }
}
