package org.safecase.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventHashesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * An envelope as published, members in any order and with whitespace, and its hash as an
     * independent implementation computes it (Python: sorted keys, no whitespace, UTF-8, SHA-256; the same
     * as RFC 8785 for a document of strings and small integers): the README's worked example.
     */
    static final String PUBLISHED = """
            {"type": "NoteAdded", "sequence": 1, "schemaVersion": 2,
             "eventId": "3f1c2b9e-6a4d-4f7e-9d21-0c1e2f3a4b5c", "incidentId": "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
             "schoolId": "SCH-A", "recordedAt": "2026-11-20T10:15:00Z", "actor": {"userId": "dsl.a", "role": "DSL"},
             "payload": {"incidentId": "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "schoolId": "SCH-A",
                         "actor": {"userId": "dsl.a", "role": "DSL"}, "recordedAt": "2026-11-20T10:15:00Z",
                         "text": {"ciphertext": "AQIDBA=="}},
             "previousHash": "0000000000000000000000000000000000000000000000000000000000000000",
             "hash": "822ee05bf9c04f503175be5673c0d037cf34e54130c911818fd6ea6c2d7e5064", "position": 42}
            """;

    @Test
    void givenAPublishedEnvelopeThenItsHashIsTheSha256OfItsCanonicalFormWithoutHashAndPosition() {
        JsonNode envelope = JSON.readTree(PUBLISHED);

        assertThat(EventHashes.hash(envelope)).isEqualTo("822ee05bf9c04f503175be5673c0d037cf34e54130c911818fd6ea6c2d7e5064");
        assertThat(EventHashes.hashMatches(envelope)).isTrue();
    }

    @Test
    void givenAnyChangeToTheContentThenTheHashDiffers() {
        ObjectNode altered = (ObjectNode) JSON.readTree(PUBLISHED);
        ((ObjectNode) altered.get("actor")).put("userId", "dsl.b");

        assertThat(EventHashes.hashMatches(altered)).isFalse();
    }

    @Test
    void givenAnEventThenTheEnvelopeItIsPublishedInCarriesItsOwnHash() {
        UUID id = UUID.randomUUID();
        NoteAdded note = new NoteAdded(id, "SCH-A", new Actor("dsl.a", Role.DSL), Instant.parse("2026-11-20T10:15:00Z"),
                Sealed.ciphertext("AQIDBA=="));

        IncidentEventEnvelope first = EventHashes.envelope(UUID.randomUUID(), 0, note, EventHashes.GENESIS, null, JSON);
        IncidentEventEnvelope second = EventHashes.envelope(UUID.randomUUID(), 1, note, first.hash(), 7L, JSON);

        assertThat(EventHashes.hashMatches(JSON.readTree(JSON.writeValueAsBytes(first)))).isTrue();
        assertThat(EventHashes.hashMatches(JSON.readTree(JSON.writeValueAsBytes(second)))).isTrue();
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(second.position()).isEqualTo(7L);
    }

    @Test
    void givenWhatTheCanonicaliserWouldMangleSilentlyThenItIsRefusedRatherThanHashed() {
        ObjectNode big = (ObjectNode) JSON.readTree(PUBLISHED);
        big.put("sequence", 9007199254740993L);
        ObjectNode fraction = (ObjectNode) JSON.readTree(PUBLISHED);
        fraction.put("sequence", 1.5);
        ObjectNode surrogate = (ObjectNode) JSON.readTree(PUBLISHED);
        surrogate.put("schoolId", "SCH-\ud800");

        assertThatThrownBy(() -> EventHashes.hash(big)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventHashes.hash(fraction)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventHashes.hash(surrogate)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenARefusedValueDeepInTheEnvelopeThenTheRefusalNamesWhereItIsAndTheEnvelopeIsLeftAsItWas() {
        ObjectNode envelope = (ObjectNode) JSON.readTree(PUBLISHED);
        ((ObjectNode) envelope.get("payload")).putArray("subjects").addObject().put("count", 1.5);
        JsonNode before = envelope.deepCopy();

        assertThatThrownBy(() -> EventHashes.hash(envelope)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a number at .payload.subjects[0].count is not an integer within 2^53");
        assertThat(envelope).isEqualTo(before);
        assertThat(envelope.has("hash")).isTrue();
    }
}
