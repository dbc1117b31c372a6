package org.safecase.localstack.fuzz;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.safecase.localstack.fuzz.ApiFuzz.FuzzRequest;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the fuzz draws from an OpenAPI document, checked on a document of one operation. */
class ApiFuzzDrawsTest {

    private static final String KNOWN_ID = "6f1c2a4e-0000-4000-8000-000000000001";

    private static final String DOCUMENT = """
            {"paths": {"/api/v1/things/{id}/notes": {"post": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}},
                               {"name": "If-Match", "in": "header", "schema": {"type": "string"}}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}}}}},
             "components": {"schemas": {"Note": {"type": "object", "required": ["text"],
                "properties": {"text": {"type": "string", "maxLength": 100}}}}}}
            """;

    @Provide
    Arbitrary<FuzzRequest> requests() {
        ApiOperations operations = new ApiOperations(JsonMapper.builder().build().readTree(DOCUMENT));
        return new ApiFuzz(operations, List.of("dsl.a"), Map.of("id", List.of(KNOWN_ID)), 1024).requests();
    }

    @Property(tries = 1000, seed = "42")
    void givenADocumentOfOneOperation_whenRequestsAreDrawn_expectItsPathAndAKnownIdInHalfOrMoreOfThem(
            @ForAll("requests") FuzzRequest request) {
        assertThat(request.operation().path()).isEqualTo("/api/v1/things/{id}/notes");
        assertThat(request.request().target()).startsWith("/api/v1/things/").doesNotContain("{id}");
        Statistics.label("known id").collect(request.request().target().startsWith("/api/v1/things/" + KNOWN_ID + "/"))
                .coverage(coverage -> coverage.check(true).percentage(p -> p > 45 && p < 80));
        Statistics.label("method").collect(request.request().method().equals("POST"))
                .coverage(coverage -> coverage.check(true).percentage(p -> p > 85));
    }

    @Example
    void givenALoneSurrogateOrAControlCharacter_whenWrittenAsJson_expectTheirEscapesAndAPairKeptAsItIs() {
        assertThat(JsonText.of(Map.of("a", "\uD800x\u0001😀"))).isEqualTo("{\"a\":\"\\ud800x\\u0001😀\"}");
    }
}
