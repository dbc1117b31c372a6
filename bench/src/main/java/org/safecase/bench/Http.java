package org.safecase.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** The HTTP calls of the benchmark: the command API as {@code integration.a}, reads as {@code dsl.a}, actuator as {@code operator}. */
final class Http {

    static final String INTEGRATION = basic("integration.a", "demo");
    static final String DSL = basic("dsl.a", "demo");
    static final String OPERATOR = basic("operator", "demo");

    private static final AtomicLong SUBJECTS = new AtomicLong();

    private Http() {
    }

    static HttpClient client(Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (executor != null) {
            builder.executor(executor);
        }
        return builder.build();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A synthetic report: no personal data, a made-up pupil reference like {@code P-000123}. */
    static HttpRequest report(String commandUrl) {
        return report(commandUrl, 1, "synthetic benchmark incident");
    }

    /** A synthetic report naming {@code pupils} made-up pupils (the first affected, the others alleged); plain-text summary. */
    static HttpRequest report(String commandUrl, int pupils, String summary) {
        String occurredAt = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder subjects = new StringBuilder();
        for (int i = 0; i < pupils; i++) {
            String reference = String.format("P-%06d", SUBJECTS.incrementAndGet() % 1_000_000);
            subjects.append(i == 0 ? "" : ",").append("{\"type\":\"PUPIL\",\"reference\":\"").append(reference)
                    .append("\",\"involvement\":\"").append(i == 0 ? "AFFECTED" : "ALLEGED").append("\",\"yearGroup\":\"Y7\"}");
        }
        String body = "{\"schoolId\":\"SCH-A\",\"category\":\"INA-CYBERBULLY\",\"occurredAt\":\"" + occurredAt + "\","
                + "\"summary\":\"" + summary + "\",\"subjects\":[" + subjects + "],\"offSite\":false}";
        return post(commandUrl + "/api/v1/incidents", body);
    }

    static HttpRequest note(String commandUrl, UUID incident) {
        return note(commandUrl, incident, "synthetic benchmark note");
    }

    /** A note of plain text (no quotes or backslashes to escape). */
    static HttpRequest note(String commandUrl, UUID incident, String text) {
        return post(commandUrl + "/api/v1/incidents/" + incident + "/notes", "{\"text\":\"" + text + "\"}");
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", INTEGRATION)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static HttpRequest get(String url, String authorization) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
    }

    /** {@code {incidentId, version}} of a command's answer, parsed without a JSON library (the generator shares 2 cores). */
    record CommandResult(UUID incidentId, long version) {
        static CommandResult parse(String body) {
            String id = stringField(body, "incidentId");
            String version = numberField(body, "version");
            if (id == null || version == null) {
                throw new IllegalStateException("unexpected command answer: " + abbreviate(body));
            }
            return new CommandResult(UUID.fromString(id), Long.parseLong(version));
        }
    }

    static String stringField(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        if (at < 0) {
            return null;
        }
        int start = json.indexOf('"', json.indexOf(':', at) + 1);
        int end = json.indexOf('"', start + 1);
        return start < 0 || end < 0 ? null : json.substring(start + 1, end);
    }

    static String numberField(String json, String name) {
        int at = json.indexOf("\"" + name + "\"");
        if (at < 0) {
            return null;
        }
        int i = json.indexOf(':', at) + 1;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < json.length() && (Character.isDigit(json.charAt(i)) || json.charAt(i) == '-')) {
            i++;
        }
        return i == start ? null : json.substring(start, i);
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    static boolean success(HttpResponse<?> response) {
        return response.statusCode() / 100 == 2;
    }
}
