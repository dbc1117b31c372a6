package org.safecase.query.api;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

class OperationsTest extends QueryServiceTest {

    @Autowired
    Admin admin;

    @Test
    void givenARunningServiceThenHealthReportsTheDatabaseKafkaAndTheProjectionsToOperators() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(incident, 0);

        Response response = http().get("/actuator/health", "operator");
        JsonNode components = response.json().get("components");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
        assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
        JsonNode projections = components.get("projections");
        assertThat(projections.get("status").asString()).isEqualTo("UP");
        assertThat(projections.get("details").get("lastAppliedAt").asString()).isNotEqualTo("never");
        assertThat(projections.get("details").has("deadLettered")).isTrue();
        assertThat(projections.get("details").has("lag")).isTrue();
        assertThat(projections.get("details").get("activeGeneration").asInt()).isEqualTo(1);
    }

    @Test
    void givenAnyoneThenHealthAnswersUpOrDownButShowsItsDetailsToOperatorsOnly() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Response anonymous = http().get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(200);
            assertThat(anonymous.json().get("status").asString()).as(path).isEqualTo("UP");
            assertThat(anonymous.json().has("components")).as(path).isFalse();
        }
        for (String user : List.of("dsl.a", "head.a", "auditor", "governor.a", "dpo.trust")) {
            JsonNode health = http().get("/actuator/health", user).json();
            assertThat(health.has("components")).as(user).isFalse();
            assertThat(health.toString()).as(user).doesNotContain("lastAppliedAt", "lag", "path");
        }
        assertThat(http().get("/actuator/health", "operator").json().at("/components/projections/details").isObject())
                .isTrue();
    }

    @Test
    void givenAnyRoleButOperatorThenMetricsAndPrometheusAreRefused() {
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/http.server.requests", "/actuator/prometheus",
                "/actuator/info", "/actuator/projections")) {
            assertThat(http().get(path, null).status()).as(path).isEqualTo(401);
            for (String user : List.of("dsl.a", "head.a", "integration.a", "auditor", "governor.a", "governor.trust",
                    "staff.a", "dpo.trust")) {
                Response refused = http().get(path, user);
                assertThat(refused.status()).as(user + " GET " + path).isEqualTo(403);
                assertThat(refused.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(http().get("/actuator/metrics", "operator").status()).isEqualTo(200);
        assertThat(http().get("/actuator/prometheus", "operator").status()).isNotIn(401, 403);
    }

    @Test
    void givenNoSignInThenTheApiDocumentsAreRefused() {
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
            Response refused = http().get(path, null);
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void givenAppliedEventsThenTheMetricsCountThemAndMeasureTheLag() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(incident, 0);

        JsonNode applied = http().get("/actuator/metrics/safecase.projection.events.applied", "operator").json();
        assertThat(applied.get("measurements").get(0).get("value").asDouble()).isPositive();
        assertThat(http().get("/actuator/metrics/safecase.projection.lag", "operator").status()).isEqualTo(200);
        assertThat(http().get("/actuator/metrics/safecase.projection.dead.lettered", "operator").status()).isEqualTo(200);
        // the event is projected and its offset committed: the group has nothing left to read
        eventually(() -> assertThat(http().get("/actuator/metrics/safecase.projection.consumer.lag", "operator")
                .json().get("measurements").get(0).get("value").asDouble()).isZero());
    }

    @Test
    void givenTheServiceStartedFirstThenTheTopicAndItsDeadLetterTopicExistWithSixPartitionsKeptForEver() throws Exception {
        Map<String, TopicDescription> topics = admin.describeTopics(List.of("safecase.incident-events",
                "safecase.incident-events.dlt")).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                new ConfigResource(ConfigResource.Type.TOPIC, "safecase.incident-events"),
                new ConfigResource(ConfigResource.Type.TOPIC, "safecase.incident-events.dlt"))).all().get(10, TimeUnit.SECONDS);

        assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(6));
        assertThat(configs.values()).allSatisfy(config -> assertThat(config.get("retention.ms").value()).isEqualTo("-1"));
    }

    @Test
    void givenTheOpenApiDocumentThenItDescribesTheQueryApi() {
        JsonNode document = http().get("/v3/api-docs", "governor.a").json();

        assertThat(document.get("paths").has("/api/v1/incidents")).isTrue();
        assertThat(document.get("paths").has("/api/v1/incidents/{id}/timeline")).isTrue();
        assertThat(document.get("paths").has("/api/v1/subjects/{reference}/sanctions")).isTrue();
        assertThat(document.get("paths").has("/api/v1/subjects/{reference}/chronology")).isTrue();
        assertThat(document.get("paths").has("/api/v1/alerts")).isTrue();
        assertThat(document.get("paths").has("/api/v1/actions")).isTrue();
        assertThat(document.get("info").get("description").asString()).contains("Safecase-Consistent");
    }
}
