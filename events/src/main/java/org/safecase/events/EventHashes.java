package org.safecase.events;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hash chain of an incident's events, the one way it is computed, by the command service when an
 * event is appended, by readers that check it, and by the independent verifier:
 *
 * <pre>
 *   hash = lower-case hex SHA-256 of the RFC 8785 (JCS) canonical UTF-8 form of the envelope
 *          without its "hash" and "position" members
 * </pre>
 *
 * where the envelope is {@code {eventId, incidentId, schoolId, sequence, type, schemaVersion, recordedAt,
 * actor, payload, previousHash}} exactly as published, and {@code previousHash} is the hash of the
 * incident's previous event ({@link #GENESIS} for sequence 0). The payload is the stored form:
 * personal fields as ciphertext, so erasure and disposal never change a hash. Numbers in an envelope
 * are integers below 2^53 and strings are valid Unicode; anything else is refused rather than hashed
 * ambiguously.
 */
public final class EventHashes {

    /** The previousHash of an incident's first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** The metadata keys under which the event store keeps an event's chain. */
    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";

    private static final String POSITION = "position";

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private EventHashes() {
    }

    /**
     * The envelope of a stored event, its hash computed from its content and the previous hash. The
     * payload is the event as the given mapper writes it (the services' own mapper).
     */
    public static IncidentEventEnvelope envelope(UUID eventId, long sequence, IncidentEvent event, String previousHash,
                                                 Long position, JsonMapper json) {
        IncidentEventEnvelope unhashed = stored(eventId, sequence, event, previousHash, null, null, json);
        return stored(eventId, sequence, event, previousHash, hash(json.valueToTree(unhashed)), position, json);
    }

    /** The envelope of a stored event with the chain the store recorded for it (not recomputed: checked by readers). */
    public static IncidentEventEnvelope stored(UUID eventId, long sequence, IncidentEvent event, String previousHash,
                                               String hash, Long position, JsonMapper json) {
        return new IncidentEventEnvelope(eventId, event.incidentId(), event.schoolId(), sequence,
                IncidentEventTypes.typeName(event.getClass()), IncidentEventTypes.schemaVersion(event.getClass()),
                event.recordedAt(), event.actor(), json.valueToTree(event), previousHash, hash, position);
    }

    /** The hash of an envelope given as JSON (as published, or as served), whatever its hash and position say. */
    public static String hash(JsonNode envelope) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(envelope)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The UTF-8 bytes an envelope's hash is computed over: its RFC 8785 form without "hash" and "position". */
    public static byte[] canonical(JsonNode envelope) {
        if (!(envelope instanceof ObjectNode)) {
            throw new IllegalArgumentException("an envelope is a JSON object");
        }
        StringBuilder canonical = new StringBuilder(1024);
        writeObject(envelope, canonical, new ArrayDeque<>(), true);
        return canonical.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether a published or served envelope's hash is the hash of its content. */
    public static boolean hashMatches(JsonNode envelope) {
        JsonNode claimed = envelope.path("hash");
        return claimed.isString() && claimed.asString().equals(hash(envelope));
    }

    /**
     * The RFC 8785 (JCS) canonical form of an envelope's tree, written in the same walk that checks RFC 8785's
     * limits for what an envelope holds: members sorted by their names' UTF-16 code units, strings escaped as
     * ECMAScript's {@code JSON.stringify} does, integers within 2^53 in plain decimal, no fractions, valid
     * Unicode. Written from the parsed tree because the profile of the projector showed the canonicaliser
     * library re-parsing each envelope's text (12% of its CPU); {@code EventHashesTest} holds this to the
     * library ({@code org.erdtman.jcs}) over random envelopes, byte for byte.
     */
    private static void writeCanonical(JsonNode node, StringBuilder out, Deque<Object> path) {
        if (node.isObject()) {
            writeObject(node, out, path, false);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                path.addLast(i);
                if (i > 0) {
                    out.append(',');
                }
                writeCanonical(node.get(i), out, path);
                path.removeLast();
            }
            out.append(']');
        } else if (node.isNumber()) {
            if (!node.isIntegralNumber() || !node.canConvertToLong() || Math.abs(node.asLong()) > MAX_SAFE_INTEGER) {
                throw new IllegalArgumentException("a number at " + pathOf(path) + " is not an integer within 2^53");
            }
            out.append(node.asLong());
        } else if (node.isString()) {
            writeString(node.asString(), out, path);
        } else if (node.isBoolean()) {
            out.append(node.asBoolean());
        } else if (node.isNull()) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("a value at " + pathOf(path) + " is not JSON");
        }
    }

    /** An object's members sorted by name; the envelope itself without its "hash" and "position". */
    private static void writeObject(JsonNode node, StringBuilder out, Deque<Object> path, boolean envelope) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (!envelope || !(member.getKey().equals(HASH) || member.getKey().equals(POSITION))) {
                members.add(member);
            }
        }
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            Map.Entry<String, JsonNode> member = members.get(i);
            path.addLast(member.getKey());
            if (i > 0) {
                out.append(',');
            }
            writeString(member.getKey(), out, path);
            out.append(':');
            writeCanonical(member.getValue(), out, path);
            path.removeLast();
        }
        out.append('}');
    }

    /** A string as JCS writes it: quote, backslash and the control characters escaped, everything else as it is. */
    private static void writeString(String text, StringBuilder out, Deque<Object> path) {
        out.append('"');
        int plain = 0;
        while (plain < text.length() && !needsCare(text.charAt(plain))) {
            plain++;
        }
        out.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("a lone surrogate at " + pathOf(path));
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A character written otherwise than as it is (escaped), or checked (a surrogate): most strings have none. */
    private static boolean needsCare(char c) {
        return c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c);
    }

    /** The JSON path of a member, written only when it is reported: {@code .payload.subjects[0].reference}. */
    private static String pathOf(Deque<Object> path) {
        StringBuilder written = new StringBuilder();
        for (Object step : path) {
            written.append(step instanceof Integer index ? "[" + index + "]" : "." + step);
        }
        return written.toString();
    }
}
