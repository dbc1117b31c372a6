package org.safecase.localstack.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a careless or hostile client sends in place of a value: injection attempts, traversal, control and odd
 * Unicode characters, numbers and dates at and past their ranges, strings near and over the API's limits.
 */
public final class HostileInput {

    private HostileInput() {
    }

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "'; DROP TABLE domain_event_entry; --", "1; SELECT pg_sleep(5)--", "\" OR 1=1 --",
            "%' UNION SELECT NULL, current_user --", "$1", "?", "\\", "\\'", "';--", "/*", "*/",
            "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/", "..;/", "/./", "//", "..\\..\\windows",
            "${jndi:ldap://127.0.0.1/a}", "#{7*7}", "{{7*7}}", "%s%s%s%n", "{0}", "<script>alert(1)</script>",
            "a\r\nSet-Cookie: x=1", "a\nb", "a\rb", "\u0000", "a\u0000b", "\uFEFF", "\u202Eevil", "\u200B", "\u00A0",
            "😀", "e\u0301\u0301\u0301", "\uFFFF", "\uD800", "\uDC00x", "Ω≈ç√∫", "１２３", "ǅ", "İ", "ß",
            "", " ", "\t", "null", "true", "[]", "{}", "0", "-1", "-0", "1e309", "NaN", "Infinity", "0x1F", "1.5",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648",
            "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000g", "{00000000-0000-0000-0000-000000000000}",
            "0000000000000000000000000000000", "2026-02-30", "0000-01-01", "+999999999-12-31", "-999999999-01-01",
            "2026-13-01", "9999-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2026-11-20T10:15:00+25:00", "2026-11-20",
            "SCH-A", "SCH-B", "TRUST-1", "PUPIL", "DSL", "*", "%", "%zz", "%00", "%0d%0aX-Injected:%201", "+", "&", "=", "#");

    /** A string a client should never have sent: one of the list above, a random one, or a long one. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(INJECTIONS)),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ascii().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, longStrings()));
    }

    /** Strings at and just over the API's limits (64, 128, 256, 500, 10,000 characters) and far over them. */
    public static Arbitrary<String> longStrings() {
        return Arbitraries.of(16, 17, 32, 33, 64, 65, 128, 129, 255, 256, 257, 500, 501, 2048, 2049, 10_000, 10_001, 100_000)
                .flatMap(length -> Arbitraries.of("a", "é", "😀", "x ", "\u0000", "'")
                        .map(unit -> unit.repeat(Math.max(1, length / unit.length()))));
    }

    /** A header value: hostile, long (past the server's 8 KiB for all headers) or with a bare CR or LF. */
    public static Arbitrary<String> headerValues() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, strings().filter(s -> s.length() < 4096)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("x".repeat(9000), "\r\nX-Injected: 1", "a\nX-Injected: 1",
                        "a\rb", "\u0001\u007F", "é", "😀")));
    }

    /** A path segment: hostile, percent-encoded so that it is a valid request target, or rarely sent raw. */
    public static Arbitrary<String> pathSegments() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, strings().map(HostileInput::encoded)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("..", ".", "%2e%2e", "%2F", "%5C", "%00", "%", "%zz", ";x=1",
                        "..;", "a%0d%0ab", "%c0%af", "%ff", "x".repeat(10_000))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("a b", "a\"b", "<x>", "{x}", "a|b", "é", "\\", "^", "`", "[]")));
    }

    /** A query string value, percent-encoded (as UTF-8) nearly always. */
    public static Arbitrary<String> queryValues() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, strings().map(HostileInput::encoded)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("a b", "%", "%zz", "a&b=c", "<x>", "\"", "é", "|", "{", "%c0%af")));
    }

    /** Request bodies that are not JSON, not well-formed JSON, or JSON past the parser's limits. */
    public static Arbitrary<byte[]> malformedBodies() {
        Arbitrary<String> texts = Arbitraries.of(
                "", " ", "{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a': 1}", "{a: 1}", "{\"a\": 1,}", "[1, 2,]", "{\"a\": 01}",
                "{\"a\": 1} trailing", "{\"a\": 1}{\"b\": 2}", "nul", "tru", "\"unterminated", "{\"a\": \"\\u12\"}",
                "{\"a\": \"\\x41\"}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": -}", "{\"a\": 1e}", "{\"a\": .5}",
                "\uFEFF{}", "/* comment */ {}", "{\"a\": 1 // comment\n}", "<xml/>", "a=1&b=2", "null", "true", "42", "\"text\"",
                "[]", "[{}]", "{\"\": 1}", "{\"a\": \"\u0000\"}", "{\"a\": \"line\nbreak\"}",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "[".repeat(100_000), "{\"a\": 1" + "0".repeat(5000) + "}", "{\"a\": 1." + "1".repeat(5000) + "}",
                "{\"" + "k".repeat(60_000) + "\": 1}", "{\"a\": \"" + "s".repeat(30_000) + "\"}");
        Arbitrary<byte[]> fromTexts = texts.map(text -> text.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> invalidUtf8 = Arbitraries.of(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                new byte[]{'{', '"', (byte) 0xFF, '"', ':', '1', '}'}, new byte[]{(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        Arbitrary<byte[]> truncated = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(200)
                .map(s -> ("{\"summary\": \"" + s).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, fromTexts), net.jqwik.api.Tuple.of(1, invalidUtf8),
                net.jqwik.api.Tuple.of(2, randomBytes), net.jqwik.api.Tuple.of(1, truncated));
    }

    public static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
