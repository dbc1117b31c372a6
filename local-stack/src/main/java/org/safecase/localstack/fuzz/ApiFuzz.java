package org.safecase.localstack.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.safecase.localstack.fuzz.ApiOperations.Operation;
import org.safecase.localstack.fuzz.ApiOperations.Parameter;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Requests to every operation of an OpenAPI document, drawn by jqwik: a valid body, a valid body with one
 * thing wrong, or one that is not JSON at all; path, query and header values that are real, random or hostile;
 * a demo user, nobody or a bad login; now and then another method, or a body at and over the size limit.
 * Real values (an incident's id, a subject's reference, a category code) are given by parameter or property
 * name so that half the requests get past the first check.
 */
public final class ApiFuzz {

    /** A drawn request, and who it was sent as (null: nobody, or a login that must fail). */
    public record FuzzRequest(Operation operation, String user, RawHttp.Request request) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(request.method()).append(' ')
                    .append(RawHttp.abbreviated(request.target())).append(" (").append(operation).append(')');
            request.headers().forEach(h -> text.append("\n  ").append(h.getKey()).append(": ")
                    .append(RawHttp.abbreviated(h.getValue().replace("\r", "\\r").replace("\n", "\\n"))));
            if (request.body() != null) {
                text.append("\n  body").append(request.chunked() ? " (chunked)" : "").append(", ")
                        .append(request.body().length).append(" bytes: ")
                        .append(RawHttp.abbreviated(new String(request.body(), StandardCharsets.UTF_8)));
            }
            return text.toString();
        }
    }

    private record Login(String user, String authorization) {
    }

    private record Body(byte[] bytes, boolean chunked) {
    }

    private static final List<String> OTHER_METHODS = List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "get");

    private final ApiOperations api;
    private final List<String> users;
    private final Map<String, List<String>> known;
    private final long maxBodyBytes;

    /**
     * @param users        demo users (password {@code demo}) to send requests as
     * @param known        real values by parameter or property name ({@code id}, {@code reference}, {@code schoolId}, …)
     * @param maxBodyBytes the services' request body limit, to send bodies at and just over it
     */
    public ApiFuzz(ApiOperations api, List<String> users, Map<String, List<String>> known, long maxBodyBytes) {
        this.api = api;
        this.users = List.copyOf(users);
        this.known = Map.copyOf(known);
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * A quarter of the requests are plausible (a demo user, real values, JSON, a body valid or with one thing wrong),
     * so that the fuzz gets past authentication and validation into the rules of the domain; the rest are anything.
     */
    public Arbitrary<FuzzRequest> requests() {
        return Arbitraries.of(api.all()).flatMap(operation -> Arbitraries.frequencyOf(
                Tuple.of(3, requestsTo(operation)), Tuple.of(1, plausibleRequestsTo(operation))).withoutEdgeCases());
    }

    private Arbitrary<FuzzRequest> plausibleRequestsTo(Operation operation) {
        Arbitrary<String> path = Arbitraries.just(operation.path());
        for (Parameter parameter : operation.in("path")) {
            Arbitrary<String> value = known.containsKey(parameter.name())
                    ? Arbitraries.of(known.get(parameter.name())) : typed(parameter.schema()).map(HostileInput::encoded);
            String placeholder = "{" + parameter.name() + "}";
            path = path.flatMap(p -> value.map(v -> p.replace(placeholder, v)));
        }
        List<Arbitrary<Optional<String>>> pairs = new ArrayList<>();
        for (Parameter parameter : operation.in("query")) {
            Arbitrary<String> value = known.containsKey(parameter.name())
                    ? Arbitraries.of(known.get(parameter.name())) : typed(parameter.schema()).map(HostileInput::encoded);
            pairs.add(Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.<String>empty())),
                    Tuple.of(2, value.map(v -> Optional.of(parameter.name() + "=" + v)))));
        }
        Arbitrary<String> query = pairs.isEmpty() ? Arbitraries.just("") : Combinators.combine(pairs).as(values -> {
            List<String> present = values.stream().flatMap(Optional::stream).toList();
            return present.isEmpty() ? "" : "?" + String.join("&", present);
        });
        boolean readsBody = operation.bodySchema() != null;
        Arbitrary<Optional<String>> ifMatch = operation.in("header").stream().anyMatch(p -> p.name().equals("If-Match"))
                ? Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, Arbitraries.integers().between(0, 4).map(v -> Optional.of("\"" + v + "\""))))
                : Arbitraries.just(Optional.empty());
        Arbitrary<byte[]> body = readsBody
                ? Arbitraries.frequencyOf(Tuple.of(7, valid(operation.bodySchema(), null, 0).map(JsonText::of)),
                        Tuple.of(3, valid(operation.bodySchema(), null, 0).flatMap(v -> mutated(v, operation.bodySchema()))))
                .map(text -> text.getBytes(StandardCharsets.UTF_8))
                : Arbitraries.just(null);
        return Combinators.combine(Arbitraries.of(users), path, query, ifMatch, body).as((user, p, q, version, b) -> {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            headers.add(Map.entry("Authorization", basic(user + ":demo")));
            if (readsBody) {
                headers.add(Map.entry("Content-Type", "application/json"));
            }
            version.ifPresent(v -> headers.add(Map.entry("If-Match", v)));
            return new FuzzRequest(operation, user, new RawHttp.Request(operation.method(), p + q, headers, b, false));
        });
    }

    private Arbitrary<FuzzRequest> requestsTo(Operation operation) {
        Arbitrary<String> method = Arbitraries.frequencyOf(
                Tuple.of(18, Arbitraries.just(operation.method())), Tuple.of(1, Arbitraries.of(OTHER_METHODS)));
        Arbitrary<Body> body = operation.bodySchema() == null
                ? Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(new Body(null, false))),
                Tuple.of(1, HostileInput.malformedBodies().map(bytes -> new Body(bytes, false))))
                : bodies(operation.bodySchema());
        return Combinators.combine(method, logins(), target(operation), headers(operation), body)
                .as((m, login, target, headers, b) -> {
                    List<Map.Entry<String, String>> all = new ArrayList<>();
                    if (login.authorization() != null) {
                        all.add(Map.entry("Authorization", login.authorization()));
                    }
                    all.addAll(headers);
                    return new FuzzRequest(operation, login.user(), new RawHttp.Request(m, target, all, b.bytes(), b.chunked()));
                });
    }

    private Arbitrary<Login> logins() {
        Arbitrary<Login> demo = Arbitraries.of(users).map(user -> new Login(user, basic(user + ":demo")));
        Arbitrary<Login> bad = Arbitraries.of(users).flatMap(user -> Arbitraries.of(
                new Login(null, basic(user + ":wrong")), new Login(null, basic(user)), new Login(null, basic(":")),
                new Login(null, "Basic"), new Login(null, "Basic "), new Login(null, "Basic !!!"),
                new Login(null, "Basic " + "A".repeat(5000)), new Login(null, "Bearer abc.def.ghi"),
                new Login(null, "Bearer "), new Login(null, "Digest username=\"x\""),
                new Login(null, basic("' OR '1'='1:demo")), new Login(null, basic("ünïcödé:demo")),
                new Login(null, basic(user + ":demo\r\n")), new Login(null, basic("\u0000:\u0000"))));
        return Arbitraries.frequencyOf(Tuple.of(17, demo), Tuple.of(1, Arbitraries.just(new Login(null, null))),
                Tuple.of(2, bad));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private Arbitrary<String> target(Operation operation) {
        Arbitrary<String> path = Arbitraries.just(operation.path());
        for (Parameter parameter : operation.in("path")) {
            Arbitrary<String> value = Arbitraries.frequencyOf(
                    Tuple.of(known.containsKey(parameter.name()) ? 10 : 0, Arbitraries.of(known.getOrDefault(parameter.name(), List.of("x")))),
                    Tuple.of(4, typed(parameter.schema()).map(HostileInput::encoded)),
                    Tuple.of(6, HostileInput.pathSegments()))
                    // jqwik mixes in edge cases, nearly all of the random ids: a real id would be a third, not half
                    .withoutEdgeCases();
            String placeholder = "{" + parameter.name() + "}";
            path = path.flatMap(p -> value.map(v -> p.replace(placeholder, v)));
        }
        return Combinators.combine(path, query(operation)).as((p, q) -> p + q);
    }

    private Arbitrary<String> query(Operation operation) {
        List<Arbitrary<Optional<String>>> pairs = new ArrayList<>();
        for (Parameter parameter : operation.in("query")) {
            Arbitrary<String> value = Arbitraries.frequencyOf(
                    Tuple.of(known.containsKey(parameter.name()) ? 4 : 0, Arbitraries.of(known.getOrDefault(parameter.name(), List.of("x")))),
                    Tuple.of(4, typed(parameter.schema()).map(HostileInput::encoded)),
                    Tuple.of(3, HostileInput.queryValues()));
            pairs.add(Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.<String>empty())),
                    Tuple.of(2, value.map(v -> Optional.of(parameter.name() + "=" + v)))));
        }
        Arbitrary<String> extraName = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of(operation.in("query").isEmpty() ? List.of("limit")
                        : operation.in("query").stream().map(Parameter::name).toList()));
        Arbitrary<Optional<String>> extra = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(3, Combinators.combine(extraName, HostileInput.queryValues()).as((n, v) -> Optional.of(n + "=" + v))),
                Tuple.of(1, Arbitraries.of("", "&", "=", "=x", "a", "%", "a=%", "&&&", "a[]=1", "a.b=1", "__proto__=1")
                        .map(Optional::of)));
        pairs.add(extra);
        return Combinators.combine(pairs).as(values -> {
            List<String> present = values.stream().flatMap(Optional::stream).toList();
            return present.isEmpty() ? "" : "?" + String.join("&", present);
        });
    }

    private Arbitrary<List<Map.Entry<String, String>>> headers(Operation operation) {
        Set<String> headerParameters = new HashSet<>();
        operation.in("header").forEach(p -> headerParameters.add(p.name()));
        List<Arbitrary<Optional<Map.Entry<String, String>>>> headers = new ArrayList<>();
        boolean readsBody = operation.bodySchema() != null;
        headers.add(optional(readsBody ? 12 : 1, readsBody ? 1 : 12, "Content-Type", Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("application/json")),
                Tuple.of(3, Arbitraries.of("application/json; charset=UTF-8", "application/json;charset=ISO-8859-1",
                        "application/json; charset=bogus", "application/json; charset=\"", "text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "multipart/form-data",
                        "application/problem+json", "application/*", "*/*", "garbage", "", ";", "application/json;;;",
                        "text/html; charset=utf-8", "application/octet-stream", "application/json, text/plain")),
                Tuple.of(1, HostileInput.headerValues()))));
        headers.add(optional(1, 2, "Accept", Arbitraries.of("application/json", "*/*", "text/html", "application/xml",
                "text/plain", "application/problem+json", "image/png", "garbage", "application/json;q=0", "",
                "text/html, application/xhtml+xml, */*;q=0.8", "application/*", "*/*;q=abc", "text/*")));
        if (headerParameters.contains("If-Match")) {
            headers.add(optional(2, 1, "If-Match", Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.of("\"0\"", "\"1\"", "*", "W/\"0\"", "\"2\", \"3\"")),
                    Tuple.of(1, Arbitraries.longs().map(v -> "\"" + v + "\"")),
                    Tuple.of(2, HostileInput.headerValues()))));
        }
        if (headerParameters.contains("Idempotency-Key")) {
            headers.add(optional(1, 1, "Idempotency-Key", Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40)),
                    Tuple.of(1, Arbitraries.of("x".repeat(255), "x".repeat(256), "fuzz-fixed-key")),
                    Tuple.of(2, HostileInput.headerValues()))));
        }
        Arbitrary<String> extraNames = Arbitraries.oneOf(Arbitraries.of("X-Forwarded-For", "X-Forwarded-Host",
                        "X-Forwarded-Proto", "X-HTTP-Method-Override", "Origin", "Referer", "Cookie", "Range", "Expect",
                        "Content-Encoding", "Accept-Charset", "Accept-Language", "Accept-Encoding", "If-None-Match",
                        "If-Modified-Since", "X-Requested-With", "Forwarded", "Authorization", "Content-Type", "Idempotency-Key",
                        "If-Match", "Traceparent", "Content-Length", "Transfer-Encoding"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20));
        for (int i = 0; i < 2; i++) {
            headers.add(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Optional.empty())),
                    Tuple.of(1, Combinators.combine(extraNames, HostileInput.headerValues())
                            .as((n, v) -> Optional.of(Map.entry(n, v))))));
        }
        return Combinators.combine(headers).as(values -> values.stream().flatMap(Optional::stream).toList());
    }

    private static Arbitrary<Optional<Map.Entry<String, String>>> optional(int present, int absent, String name,
                                                                          Arbitrary<String> values) {
        return Arbitraries.frequencyOf(Tuple.of(absent, Arbitraries.just(Optional.empty())),
                Tuple.of(present, values.map(v -> Optional.of(Map.entry(name, v)))));
    }

    private Arbitrary<Body> bodies(JsonNode schema) {
        Arbitrary<Object> valid = valid(schema, null, 0);
        Arbitrary<Body> json = Arbitraries.frequencyOf(
                Tuple.of(4, valid.map(JsonText::of)),
                Tuple.of(6, valid.flatMap(value -> mutated(value, schema))))
                .map(text -> new Body(text.getBytes(StandardCharsets.UTF_8), false));
        Arbitrary<Body> large = Arbitraries.of(maxBodyBytes - 64, maxBodyBytes, maxBodyBytes + 1, 2 * maxBodyBytes)
                .flatMap(size -> Arbitraries.of(true, false).map(chunked -> new Body(
                        ("{\"text\":\"" + "a".repeat((int) (long) size - 12) + "\"}").getBytes(StandardCharsets.UTF_8), chunked)));
        return Arbitraries.frequencyOf(
                Tuple.of(60, json),
                Tuple.of(25, HostileInput.malformedBodies().map(bytes -> new Body(bytes, false))),
                Tuple.of(5, Arbitraries.just(new Body(null, false))),
                Tuple.of(5, json.map(b -> new Body(b.bytes(), true))),
                Tuple.of(1, large));
    }

    /** A body of the schema, its values real where a name is known, random otherwise. */
    private Arbitrary<Object> valid(JsonNode schemaOrRef, String name, int depth) {
        JsonNode schema = api.resolved(schemaOrRef);
        if (schema == null || depth > 6) {
            return Arbitraries.just(null);
        }
        String type = schema.path("type").asString("");
        if (type.equals("string") && name != null && known.containsKey(name)) {
            return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(known.get(name)).map(v -> (Object) v)),
                    Tuple.of(1, typed(schema).map(v -> (Object) v)));
        }
        switch (type) {
            case "object" -> {
                Set<String> required = new HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asString()));
                List<Arbitrary<Optional<Map.Entry<String, Object>>>> properties = new ArrayList<>();
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    Arbitrary<Optional<Map.Entry<String, Object>>> entry = valid(property.getValue(), property.getKey(), depth + 1)
                            .map(v -> Optional.of(new java.util.AbstractMap.SimpleEntry<>(property.getKey(), v)));
                    properties.add(required.contains(property.getKey()) ? entry
                            : Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Optional.empty())), Tuple.of(2, entry)));
                }
                return Combinators.combine(properties).as(entries -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    entries.forEach(e -> e.ifPresent(p -> object.put(p.getKey(), p.getValue())));
                    return object;
                });
            }
            case "array" -> {
                int min = schema.path("minItems").asInt(0);
                int max = Math.max(min, Math.min(3, schema.path("maxItems").asInt(3)));
                return valid(schema.path("items"), name, depth + 1).list().ofMinSize(min).ofMaxSize(max).map(l -> (Object) l);
            }
            case "boolean" -> {
                return Arbitraries.of(true, false).map(b -> (Object) b);
            }
            case "integer", "number" -> {
                return Arbitraries.longs().between(0, 100).map(n -> (Object) n);
            }
            default -> {
                return typed(schema).map(v -> (Object) v);
            }
        }
    }

    /** A value of a string, integer or boolean schema that its type and format accept. */
    private static Arbitrary<String> typed(JsonNode schema) {
        if (schema == null) {
            return Arbitraries.just("x");
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.asString()));
            return Arbitraries.of(values);
        }
        String format = schema.path("format").asString("");
        String pattern = schema.path("pattern").asString("");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return switch (schema.path("type").asString("string") + "/" + format) {
            case "string/uuid" -> Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                    .as((a, b) -> new UUID(a, b).toString());
            case "string/date-time" -> Arbitraries.longs().between(-24 * 400, 24 * 30)
                    .map(hours -> now.minus(Duration.ofHours(hours)).toString());
            case "string/date" -> Arbitraries.integers().between(-400, 400).map(days -> LocalDate.now().minusDays(days).toString());
            case "integer/int32", "integer/int64", "integer/" -> Arbitraries.oneOf(Arbitraries.longs().between(-3, 1000),
                    Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1)).map(String::valueOf);
            case "boolean/" -> Arbitraries.of("true", "false");
            default -> pattern.startsWith("https?")
                    ? Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(p -> "https://example.org/" + p)
                    : pattern.startsWith("[A-Za-z0-9._@-]")
                    ? Arbitraries.of("dsl.a", "staff.a", "head.a")
                    : Arbitraries.strings().alpha().numeric().withChars(' ', '-', '.').ofMinLength(1)
                    .ofMaxLength(Math.max(1, Math.min(40, schema.path("maxLength").asInt(40))));
        };
    }

    /** The body with one thing wrong: a property missing, null, of the wrong type, too long, hostile or unknown. */
    private Arbitrary<String> mutated(Object value, JsonNode schema) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            return HostileInput.strings().map(s -> JsonText.of(List.of(s)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        List<String> names = new ArrayList<>(object.keySet());
        Arbitrary<String> name = Arbitraries.of(names);
        Arbitrary<Object> wrongValues = Arbitraries.frequencyOf(
                Tuple.of(3, HostileInput.strings().map(s -> (Object) s)),
                Tuple.of(2, Arbitraries.of(123, -1, 1.5, true, false, List.of(), Map.of(), List.of("a"), Map.of("a", 1))),
                Tuple.of(1, Arbitraries.of(new JsonText.Raw("1e999"), new JsonText.Raw("-1e-999"),
                        new JsonText.Raw("9".repeat(400)), new JsonText.Raw("[".repeat(800) + "]".repeat(800)),
                        new JsonText.Raw("{\"a\":".repeat(700) + "1" + "}".repeat(700)), new JsonText.Raw("\"" + "x".repeat(200_000) + "\""))));
        Arbitrary<Function<Map<String, Object>, Object>> mutation = Arbitraries.oneOf(
                name.map(n -> m -> with(m, n, null, true)),
                name.map(n -> m -> with(m, n, null, false)),
                Combinators.combine(name, wrongValues).as((n, v) -> m -> with(m, n, v, false)),
                Combinators.combine(name, HostileInput.longStrings()).as((n, v) -> m -> with(m, n, v, false)),
                Combinators.combine(HostileInput.strings(), HostileInput.strings()).as((n, v) -> m -> with(m, n, v, false)),
                Arbitraries.of(names).map(n -> m -> new JsonText.Raw(JsonText.of(m).replaceFirst("\\}$",
                        "," + JsonText.of(Map.of(n, "again")).substring(1)))),
                Arbitraries.of(List.<Object>of(object), "text", 42, true).map(v -> m -> v),
                Arbitraries.integers().between(101, 2000).flatMap(size -> name.map(n -> m -> with(m, n,
                        java.util.Collections.nCopies(size, m.get(n)), false))));
        return mutation.map(f -> JsonText.of(f.apply(object)));
    }

    private static Map<String, Object> with(Map<String, Object> object, String name, Object value, boolean remove) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        if (remove) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }
}
