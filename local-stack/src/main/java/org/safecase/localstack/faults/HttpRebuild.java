package org.safecase.localstack.faults;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A rebuild of the projections from the topic through a query-service instance's API, as an operator does it:
 * {@code POST /actuator/projections}, then {@code GET} until the instance reports it switched over (or failed).
 */
public final class HttpRebuild implements Reconciliation.RebuildTrigger {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = "Basic "
            + Base64.getEncoder().encodeToString("operator:demo".getBytes(StandardCharsets.US_ASCII));

    private final int port;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile JsonNode last;

    public HttpRebuild(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    /** The instance's last answer about the rebuild (applied, events/s), for the report. */
    public JsonNode lastStatus() {
        return last;
    }

    @Override
    public String rebuild() throws IOException, InterruptedException {
        JsonNode started = call(HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.noBody()));
        if (started == null) {
            return null;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = call(HttpRequest.newBuilder(uri()).GET());
            if (status != null) {
                last = status;
                String state = status.get("rebuild").get("status").asString();
                if (state.equals("SWITCHED")) {
                    return status.get("activeSchema").asString();
                }
                if (state.equals("FAILED")) {
                    return null;
                }
            }
            Thread.sleep(250);
        }
        return null;
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/actuator/projections");
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", OPERATOR)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }
}
