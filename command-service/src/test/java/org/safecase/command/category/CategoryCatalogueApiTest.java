package org.safecase.command.category;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryCatalogueApiTest extends CommandServiceTest {

    @Test
    void theCatalogueGivesEachCategoryItsClassificationSubjectTypesAndRequiredReferrals() {
        JsonNode categories = http().get("/api/v1/categories", "staff.a").json();
        Map<String, JsonNode> byCode = new HashMap<>();
        categories.forEach(c -> byCode.put(c.get("code").asString(), c));

        assertThat(byCode).containsKeys("ILL-CSAI", "ILL-SEXTING-U18", "SG-RADICALISATION", "INA-CYBERBULLY", "STF-PUPIL-COMMS");
        JsonNode csai = byCode.get("ILL-CSAI");
        assertThat(csai.get("classification").asString()).isEqualTo("ILLEGAL");
        assertThat(csai.get("requiredReferrals").toString()).contains("POLICE_REFERRAL", "IWF_REPORT");
        assertThat(csai.get("catalogueVersion").asString()).isNotBlank();
        assertThat(byCode.get("SG-RADICALISATION").get("closureRequirements").toString())
                .contains("PREVENT_DECISION", "DSL_INVOLVEMENT");
        assertThat(byCode.get("STF-PUPIL-COMMS").get("subjectTypes").toString()).contains("STAFF").doesNotContain("PUPIL");
        assertThat(categories).allSatisfy(c -> assertThat(c.get("classification").asString())
                .isIn("ILLEGAL", "SAFEGUARDING", "INAPPROPRIATE"));
        // every illegal category goes to the police, or (sexting of under-18s) needs the DSL's recorded decision
        byCode.values().stream().filter(c -> c.get("classification").asString().equals("ILLEGAL"))
                .forEach(c -> assertThat(c.get("requiredReferrals").toString()).as(c.get("code").asString())
                        .containsAnyOf("\"POLICE_REFERRAL\"", "\"POLICE_DECISION\""));
        assertThat(byCode.get("ILL-SEXTING-U18").get("requiredReferrals").toString())
                .contains("POLICE_DECISION", "CHILDRENS_SERVICES_DECISION").doesNotContain("POLICE_REFERRAL");
        assertThat(byCode.get("SG-CP").get("closureRequirements").toString())
                .contains("DSL_INVOLVEMENT", "HEAD_TEACHER_INFORMED", "POLICE_DECISION");
        assertThat(byCode.get("ILL-CSAI").get("noCopies").asBoolean()).isTrue();
        assertThat(byCode.get("INA-CYBERBULLY").get("noCopies").asBoolean()).isFalse();
    }
}
