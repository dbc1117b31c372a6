package org.safecase.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/** What the benchmark watches on the query service: its consumer group's lag, its applied-events meter, its health. */
final class QueryService {

    private final Config config;
    private final KafkaTools kafka;
    private final HttpClient http = Http.client(null);
    private final JsonMapper json = JsonMapper.builder().build();

    QueryService(Config config, KafkaTools kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    record CatchUp(boolean reached, double seconds, long lag) {
    }

    /** Waits until the query service's group has committed the whole topic; seconds since {@code since} (nanoTime). */
    CatchUp awaitCaughtUp(String label, long since, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long lastLog = 0;
        long lag = -1;
        while (System.nanoTime() < deadline) {
            try {
                lag = kafka.groupLag(config.queryGroup);
            } catch (RuntimeException e) {
                lag = -1;
            }
            if (lag == 0) {
                return new CatchUp(true, (System.nanoTime() - since) / 1e9, 0);
            }
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                lastLog = System.nanoTime();
                System.out.printf("%s: query service lag %,d records (health: %s, applied %s), %.0f s%n", label, lag,
                        healthLag(), Report.num(appliedEvents()), (System.nanoTime() - since) / 1e9);
            }
            Thread.sleep(500);
        }
        return new CatchUp(false, (System.nanoTime() - since) / 1e9, lag);
    }

    /** {@code safecase.projection.events.applied} from Actuator metrics (as {@code operator}), NaN when not there. */
    double appliedEvents() {
        try {
            HttpResponse<String> response = http.send(Http.get(config.queryUrl + "/actuator/metrics/safecase.projection.events.applied",
                    Http.OPERATOR), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            JsonNode measurements = json.readTree(response.body()).path("measurements");
            return measurements.isArray() && !measurements.isEmpty() ? measurements.get(0).path("value").asDouble() : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** The {@code lag} detail of the {@code projections} health component, as text. */
    String healthLag() {
        try {
            HttpResponse<String> response = http.send(Http.get(config.queryUrl + "/actuator/health", Http.OPERATOR),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode projections = json.readTree(response.body()).path("components").path("projections");
            return projections.isMissingNode() ? "no projections component" : projections.path("details").path("lag").asString();
        } catch (Exception e) {
            return "unreadable";
        }
    }
}
