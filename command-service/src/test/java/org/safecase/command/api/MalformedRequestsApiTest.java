package org.safecase.command.api;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.fuzz.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

/**
 * What the API fuzz ({@link ApiFuzzTest}) found answered with a 500, an HTML page, Boot's own JSON or no body at
 * all: each is now a problem+json, and a refused request writes nothing. Sent byte for byte ({@link RawHttp}),
 * as no well-behaved client library would send them.
 */
class MalformedRequestsApiTest extends CommandServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcTemplate jdbc;

    private RawHttp.Response send(String method, String target, String user, List<Map.Entry<String, String>> headers,
                                  String body) {
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>();
        all.add(Map.entry("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8))));
        all.addAll(headers);
        return new RawHttp(port).send(new RawHttp.Request(method, target, all,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), false));
    }

    private static JsonNode problem(RawHttp.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).startsWith("urn:safecase:problem:");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    @Test
    void givenARequestTargetWithARawSpace_whenSent_expectA400ProblemInsteadOfTomcatsHtmlPage() {
        RawHttp.Response response = send("GET", "/api/v1/categories?q=a b", "dsl.a", List.of(), null);

        assertThat(problem(response, 400).get("rule").asString()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void givenAMethodThatIsNotHttps_whenSent_expectA400ProblemInsteadOfTheWhitelabelPage() {
        for (String method : List.of("FOO", "get")) {
            RawHttp.Response response = send(method, "/api/v1/categories", "dsl.a", List.of(Map.entry("Accept", "text/html")), null);

            assertThat(problem(response, 400).get("rule").asString()).as(method).isEqualTo("MALFORMED_REQUEST");
        }
    }

    @Test
    void givenAPathTheFirewallRefuses_whenSent_expectA400ProblemInsteadOfBootsErrorJson() {
        RawHttp.Response response = send("GET", "/api/v1/incidents//state", "dsl.a", List.of(), null);

        problem(response, 400);
    }

    @Test
    void givenAnAcceptHeaderThatCannotBeParsed_whenTheRequestIsRefused_expectTheProblemInTheBodyStill() {
        RawHttp.Response notFound = send("GET", "/api/v1/categories/NO-SUCH-CODE/sanctions", "dsl.a",
                List.of(Map.entry("Accept", "garbage")), null);
        RawHttp.Response notAcceptable = send("POST", "/api/v1/incidents/" + UUID.randomUUID() + "/notes", "dsl.a",
                List.of(Map.entry("Content-Type", "application/json"), Map.entry("Accept", "*/*;q=abc")), "{\"text\": \"x\"}");

        assertThat(problem(notFound, 404).get("type").asString()).isEqualTo("urn:safecase:problem:category-not-found");
        problem(notAcceptable, 406);
    }

    @Test
    void givenABodyThatIsNotJson_whenPosted_expectA415ProblemNamingItsTypeAndNothingWritten() {
        long before = storedEvents();

        RawHttp.Response response = send("POST", "/api/v1/incidents", "dsl.a",
                List.of(Map.entry("Content-Type", "text/plain")), report("INA-CYBERBULLY", "PUPIL", uniqueReference()));

        assertThat(problem(response, 415).get("type").asString()).isEqualTo("urn:safecase:problem:unsupported-media-type");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void givenAMultipartContentTypeWithoutABoundary_whenPosted_expectA415ProblemInsteadOfA500AndNothingWritten() {
        long before = storedEvents();

        RawHttp.Response response = send("POST", "/api/v1/incidents", "dsl.a",
                List.of(Map.entry("Content-Type", "multipart/form-data")), report("INA-CYBERBULLY", "PUPIL", uniqueReference()));

        problem(response, 415);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void givenMoreThanTenLanguagesInAcceptLanguage_whenSent_expectTheAnswerAsWithoutThemInsteadOfA500() {
        RawHttp.Response response = send("GET", "/api/v1/categories", "dsl.a",
                List.of(Map.entry("Accept-Language", "x ".repeat(16).trim().replace(' ', ','))), null);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void givenAQueryStringThatCannotBeDecoded_whenRead_expectA400ProblemInsteadOfTheContainersError() {
        RawHttp.Response response = send("GET", "/api/v1/audit/events?schoolId=SCH-A&after=%", "auditor", List.of(), null);

        assertThat(problem(response, 400).get("rule").asString()).isEqualTo("MALFORMED_REQUEST");
        assertThat(response.text()).doesNotContain("%");
    }

    @Test
    void givenTheErrorPageAskedForDirectly_whenSent_expectA404Problem() {
        problem(send("GET", "/error", "dsl.a", List.of(), null), 404);
    }

    @Test
    void givenATransferCodingTheServerDoesNotKnow_whenPosted_expectThe501HttpAsksForAsAProblemAndNothingWritten() {
        long before = storedEvents();

        RawHttp.Response response = send("POST", "/api/v1/incidents", "dsl.a", List.of(
                Map.entry("Content-Type", "application/json"), Map.entry("Transfer-Encoding", "gzip-but-not-really")), "{}");

        problem(response, 501);
        assertThat(storedEvents()).isEqualTo(before);
    }
}
