package org.safecase.command.category;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SanctionsMatrixApiTest extends CommandServiceTest {

    @Autowired
    CategoryCatalogue catalogue;

    @Autowired
    SanctionsMatrix matrix;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void theMatrixPlacesEveryCategoryOfTheCatalogue() {
        Set<String> catalogued = catalogue.all().stream().map(Category::code).collect(Collectors.toSet());

        assertThat(matrix.categoriesPlaced()).containsExactlyInAnyOrderElementsOf(catalogued);
        assertThat(matrix.version()).isNotBlank();
    }

    @Test
    void givenCyberbullyingThenPupilsAndStaffGetTheirOwnTablesSuggestionsCitingSeed004() {
        Response response = http().get("/api/v1/categories/INA-CYBERBULLY/sanctions", "staff.a");
        JsonNode body = response.json();

        assertThat(response.status()).isEqualTo(200);
        assertThat(body.get("category").asString()).isEqualTo("INA-CYBERBULLY");
        assertThat(body.get("matrixVersion").asString()).isNotBlank();
        assertThat(body.get("sources").toString()).contains("004_f2a40eb75025ba2b.txt");
        JsonNode pupils = body.get("pupils");
        assertThat(pupils.get("subjectTypes").toString()).contains("PUPIL");
        assertThat(pupils.get("rows").get(0).get("incident").asString()).contains("offensive, harassment or of a bullying");
        assertThat(actions(pupils)).contains("INFORM_PARENTS");
        JsonNode informParents = suggestion(pupils, "INFORM_PARENTS");
        assertThat(informParents.get("words").asString()).isEqualTo("Inform parents / carers");
        assertThat(informParents.get("sanctionTypes").toString()).contains("PARENTS_INFORMED");
        assertThat(informParents.get("basis").asString()).isIn("SEED_TEXT", "INFERRED");
        JsonNode staff = body.get("staff");
        assertThat(staff.get("subjectTypes").toString()).contains("STAFF", "VOLUNTEER");
        assertThat(actions(staff)).contains("DISCIPLINARY_ACTION").doesNotContain("INFORM_PARENTS");
        assertThat(suggestion(staff, "DISCIPLINARY_ACTION").get("sanctionTypes").toString()).contains("DISCIPLINARY_ACTION");
    }

    @Test
    void givenAnIllegalCategoryThenThePoliceAreSuggestedInTheSeedsOwnWords() {
        JsonNode body = http().get("/api/v1/categories/ILL-GROOMING/sanctions", "dsl.a").json();

        for (String table : List.of("pupils", "staff")) {
            JsonNode police = suggestion(body.get(table), "REFER_POLICE");
            assertThat(police.get("basis").asString()).as(table).isEqualTo("SEED_TEXT");
            assertThat(police.get("sanctionTypes")).as(table).isEmpty();
        }
    }

    @Test
    void givenAStaffOnlyCategoryThenThePupilsTableSuggestsNothing() {
        JsonNode body = http().get("/api/v1/categories/STF-PUPIL-COMMS/sanctions", "head.a").json();

        assertThat(body.get("pupils").get("suggested")).isEmpty();
        assertThat(body.get("pupils").get("rows")).isEmpty();
        assertThat(actions(body.get("staff"))).isNotEmpty();
    }

    @Test
    void givenAnUnknownCategoryThenTheAnswerIsA404Problem() {
        Response response = http().get("/api/v1/categories/NO-SUCH-CATEGORY/sanctions", "staff.a");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:safecase:problem:category-not-found");
    }

    @Test
    void theSuggestionsAreDocumentedInTheApiDocument() {
        JsonNode paths = http().get("/v3/api-docs", "staff.a").json().get("paths");

        assertThat(paths.get("/api/v1/categories/{code}/sanctions").has("get")).isTrue();
    }

    @Test
    void givenAMatrixNamingACategoryNotInTheCatalogueThenItIsRefusedAtStartup() {
        assertThatThrownBy(() -> matrixOf("""
                {"version": "x", "actions": [], "tables": {"PUPILS": {"subjectTypes": ["PUPIL"], "rows": []},
                 "STAFF": {"subjectTypes": ["STAFF"], "rows": []}},
                 "categories": [{"code": "NO-SUCH-CATEGORY", "pupils": [], "staff": []}]}"""))
                .hasMessageContaining("NO-SUCH-CATEGORY is not in the category catalogue");
    }

    @Test
    void givenAMatrixCitingARowOrAnActionThatDoesNotExistThenItIsRefusedAtStartup() {
        assertThatThrownBy(() -> matrixOf("""
                {"version": "x", "actions": [], "tables": {"PUPILS": {"subjectTypes": ["PUPIL"], "rows": []},
                 "STAFF": {"subjectTypes": ["STAFF"], "rows": []}},
                 "categories": [{"code": "INA-CYBERBULLY", "pupils": [99], "staff": []}]}"""))
                .hasMessageContaining("row 99");
        assertThatThrownBy(() -> matrixOf("""
                {"version": "x", "actions": [], "tables": {"PUPILS": {"subjectTypes": ["PUPIL"],
                 "rows": [{"row": 1, "incident": "i", "marksExtracted": 1, "suggested": [{"action": "FLOG", "basis": "INFERRED"}]}]},
                 "STAFF": {"subjectTypes": ["STAFF"], "rows": []}}, "categories": []}"""))
                .hasMessageContaining("FLOG");
    }

    private SanctionsMatrix matrixOf(String json) {
        return new SanctionsMatrix(new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8)), jsonMapper, catalogue);
    }

    private static List<String> actions(JsonNode table) {
        return table.get("suggested").valueStream().map(s -> s.get("action").asString()).toList();
    }

    private static JsonNode suggestion(JsonNode table, String action) {
        return table.get("suggested").valueStream().filter(s -> s.get("action").asString().equals(action))
                .findFirst().orElseThrow(() -> new AssertionError(action + " not suggested in " + table));
    }
}
