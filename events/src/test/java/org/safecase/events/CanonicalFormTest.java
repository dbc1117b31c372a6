package org.safecase.events;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EventHashes writes RFC 8785's canonical form from the parsed tree; the reference implementation for Java
 * (erdtman's JsonCanonicalizer, from the text) is the oracle: the same bytes for any envelope within the limits,
 * member names and strings of any Unicode (control characters, quotes, non-BMP, U+2028), integers to ±2^53.
 */
class CanonicalFormTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 2000)
    void givenAnyEnvelopeWithinTheLimitsExpectTheSameBytesAsTheReferenceCanonicaliser(
            @ForAll("envelopes") ObjectNode envelope) throws IOException {
        byte[] reference = new JsonCanonicalizer(envelope.toString()).getEncodedUTF8();

        assertThat(EventHashes.canonical(envelope)).isEqualTo(reference);
    }

    @Property(tries = 200)
    void givenAnEnvelopeReadBackFromItsTextExpectTheSameHash(@ForAll("envelopes") ObjectNode envelope) {
        JsonNode reread = JSON.readTree(envelope.toString());

        assertThat(EventHashes.hash(reread)).isEqualTo(EventHashes.hash(envelope));
    }

    @Provide
    Arbitrary<ObjectNode> envelopes() {
        return object(3);
    }

    private Arbitrary<ObjectNode> object(int depth) {
        Arbitrary<JsonNode> member = depth == 0 ? scalar() : Arbitraries.oneOf(scalar(), scalar(), scalar(),
                object(depth - 1).map(o -> (JsonNode) o), array(depth - 1));
        return Arbitraries.maps(text(), member).ofMaxSize(6).map(members -> {
            ObjectNode object = NODES.objectNode();
            members.forEach((name, value) -> {
                if (!name.equals("hash") && !name.equals("position")) {
                    object.set(name, value);
                }
            });
            return object;
        });
    }

    private Arbitrary<JsonNode> array(int depth) {
        Arbitrary<JsonNode> element = depth == 0 ? scalar() : Arbitraries.oneOf(scalar(),
                object(depth - 1).map(o -> (JsonNode) o));
        return element.list().ofMaxSize(4).map(values -> {
            var array = NODES.arrayNode();
            values.forEach(array::add);
            return array;
        });
    }

    private Arbitrary<JsonNode> scalar() {
        long limit = (1L << 53) - 1;
        return Arbitraries.oneOf(
                text().map(NODES::textNode),
                Arbitraries.longs().between(-limit, limit).map(NODES::numberNode),
                Arbitraries.integers().between(-1000, 1000).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    /** Any text of valid Unicode: ASCII, control characters, quotes and backslashes, accents, U+2028, emoji. */
    private Arbitrary<String> text() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(8),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(3),
                Arbitraries.of("\"", "\\", "/", "\u007f", "\u00e9", "\u2028", "\u2029", "\ufeff", "\ud83d\ude00",
                        "\ud800\udc00", "A", "a", "\u00c5", "\u20ac"),
                Arbitraries.strings().withCharRange('\u00a0', '\ud7ff').ofMaxLength(4));
        return pieces.list().ofMaxSize(4).map(parts -> String.join("", parts));
    }

    @Property(tries = 1)
    void givenMembersWhoseOrderDiffersByUtf16CodeUnitsExpectThemSortedAsRfc8785Says(@ForAll("unused") String ignored)
            throws IOException {
        ObjectNode envelope = NODES.objectNode();
        for (String name : List.of("\u20ac", "\r", "\ud83d\ude00", "\ufb33", "1", "\u00f6", "\u0080")) {
            envelope.put(name, name);
        }

        assertThat(new String(EventHashes.canonical(envelope), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(new JsonCanonicalizer(envelope.toString()).getEncodedUTF8(),
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> unused() {
        return Arbitraries.just("");
    }
}
