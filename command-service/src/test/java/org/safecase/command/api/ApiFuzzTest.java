package org.safecase.command.api;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.fuzz.Answers;
import org.safecase.localstack.fuzz.ApiFuzz;
import org.safecase.localstack.fuzz.ApiFuzz.FuzzRequest;
import org.safecase.localstack.fuzz.ApiOperations;
import org.safecase.localstack.fuzz.FuzzSettings;
import org.safecase.localstack.fuzz.RawHttp;
import org.safecase.platform.http.HttpProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

/**
 * Bad input at volume (issue 9): requests to every operation of the published OpenAPI document, drawn by jqwik
 * from a fixed seed ({@link ApiFuzz}): malformed, oversized, hostile and random bodies, headers and parameters,
 * as demo users of every role, as nobody and with bad logins, half of them naming a real incident. Whatever is
 * sent, the service never answers 5xx, every refusal is problem+json, and a refusal writes no event.
 *
 * <p>jqwik runs it as a property; Spring's test context manager injects it from the same cached context as every
 * other test of the service, before the first request is drawn. (jqwik-spring 0.12 works here too, but injects only
 * around each try, after that try's request has been drawn: too late for generators made from the running service's
 * OpenAPI document and incidents.)
 * A longer run: {@code -Dsafecase.fuzz.tries=20000}, another draw: {@code -Dsafecase.fuzz.seed=…} (README).
 */
class ApiFuzzTest extends CommandServiceTest {

    /** The demo users the requests are sent as: every role that works, governs, audits or protects data. */
    static final List<String> USERS = List.of("staff.a", "dsl.a", "head.a", "integration.a", "governor.a", "auditor",
            "dpo.trust", "chair.a", "dsl.b");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HttpProperties httpProperties;

    private ApiFuzz fuzz;
    private RawHttp raw;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private long started;

    /** Real incidents (one of school A with an action and a device, one of school B) for the paths to name. */
    @BeforeProperty
    void incidentsAndTheOpenApiDocument() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        String pupil = uniqueReference();
        String incident = reported("dsl.a", report("INA-CYBERBULLY", "PUPIL", pupil));
        String otherSchool = reported("dsl.b", report("SCH-B", "INA-CYBERBULLY", "PUPIL", uniqueReference(), null));
        String action = created(incident, "actions", """
                {"title": "Speak to the pupil", "owner": "dsl.a", "dueOn": "2030-01-01"}""", "actionId");
        String device = created(incident, "devices", """
                {"description": "Phone", "ownerReference": "%s", "legalBasis": "CONSENT", "seizedAt": "2026-11-20T12:00:00Z"}
                """.formatted(pupil), "deviceId");
        List<String> categories = new ArrayList<>();
        http().get("/api/v1/categories", "dsl.a").json().forEach(c -> categories.add(c.get("code").asString()));
        Map<String, List<String>> known = Map.ofEntries(
                Map.entry("id", List.of(incident, otherSchool)),
                Map.entry("actionId", List.of(action)),
                Map.entry("deviceId", List.of(device)),
                Map.entry("reference", List.of(pupil, uniqueReference())),
                Map.entry("subjectReference", List.of(pupil)),
                Map.entry("ownerReference", List.of(pupil)),
                Map.entry("code", categories.subList(0, 6)),
                Map.entry("category", categories),
                Map.entry("schoolId", List.of("SCH-A", "SCH-B")),
                Map.entry("field", List.of("summary", "occurredAt", "offSite")));
        Response document = http().get("/v3/api-docs", "dsl.a");
        assertThat(document.status()).isEqualTo(200);
        ApiOperations operations = new ApiOperations(document.json());
        fuzz = new ApiFuzz(operations, USERS, known, httpProperties.maxBodyBytes());
        raw = new RawHttp(port);
        started = System.nanoTime();
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return fuzz.requests();
    }

    @Property(tries = 1500, seed = "20261201")
    @AddLifecycleHook(FuzzSettings.class)
    void givenAnyRequestToAnyOperation_whenSent_expectNoServerErrorEveryRefusalAProblemAndNoWriteOnRefusal(
            @ForAll("requests") FuzzRequest request) {
        long before = storedEvents();

        RawHttp.Response response = raw.send(request.request());

        long written = storedEvents() - before;
        statuses.merge(response.status(), 1, Integer::sum);
        Answers.assertWellAnswered(request, response);
        long expected = expectedEvents(request, response);
        if (written != expected && !(idempotent(request, response) && written == 0)) {
            throw Answers.failure(written + " event(s) written where " + expected + " are", request, response);
        }
    }

    @AfterProperty
    void summary() {
        System.out.printf("API fuzz: %d requests in %d ms, by status %s%n",
                statuses.values().stream().mapToInt(Integer::intValue).sum(), (System.nanoTime() - started) / 1_000_000,
                statuses);
    }

    /**
     * How many events an answer may have appended: none for a refusal or a read; one for each other change,
     * but a report's retry (200, the incident of the first try) and an erasure (one per incident of the person).
     */
    private static long expectedEvents(FuzzRequest request, RawHttp.Response response) {
        boolean succeeded = response.status() >= 200 && response.status() < 300;
        if (!succeeded || !request.request().method().equals("POST")) {
            return 0;
        }
        String path = request.operation().path();
        if (path.equals("/api/v1/incidents")) {
            return response.status() == 201 ? 1 : 0;
        }
        if (path.equals("/api/v1/subjects/{reference}/erasure")) {
            return bodyOf(response).get("incidents").size();
        }
        return 1;
    }

    /** A legal hold on a held incident and a disposal of a disposed one answer 200 and write nothing (idempotent). */
    private static boolean idempotent(FuzzRequest request, RawHttp.Response response) {
        String path = request.operation().path();
        return response.status() == 200 && request.request().method().equals("POST")
                && (path.equals("/api/v1/incidents/{id}/legal-hold") || path.equals("/api/v1/incidents/{id}/disposal"));
    }

    private static JsonNode bodyOf(RawHttp.Response response) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private String reported(String user, String body) {
        Response created = http().post("/api/v1/incidents", user, body);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }

    private String created(String incident, String part, String body, String idName) {
        Response created = http().post("/api/v1/incidents/" + incident + "/" + part, "dsl.a", body);
        assertThat(created.status()).as(part).isEqualTo(201);
        return created.json().get(idName).asString();
    }
}
