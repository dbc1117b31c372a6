package org.safecase.command.account;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/me: who the service takes the caller to be, identifiers only. */
class CurrentUserTest extends CommandServiceTest {

    @Test
    void givenASchoolsDslWhenTheyAskWhoTheyAreExpectTheirIdRoleSchoolAndItsTrust() {
        JsonNode me = http().get("/api/v1/me", "dsl.a").json();

        assertThat(me.get("userId").asString()).isEqualTo("dsl.a");
        assertThat(me.get("role").asString()).isEqualTo("DSL");
        assertThat(me.get("schoolId").asString()).isEqualTo("SCH-A");
        assertThat(me.get("trustId").asString()).isEqualTo("TRUST-1");
    }

    @Test
    void givenATrustsOfficerWhenTheyAskWhoTheyAreExpectTheirTrustAndNoSchool() {
        JsonNode me = http().get("/api/v1/me", "dpo.trust").json();

        assertThat(me.get("role").asString()).isEqualTo("DPO");
        assertThat(me.get("trustId").asString()).isEqualTo("TRUST-1");
        assertThat(me.path("schoolId").isMissingNode() || me.path("schoolId").isNull()).isTrue();
    }

    @Test
    void givenNoCredentialsWhenAskingWhoExpect401ProblemJson() {
        Response response = http().get("/api/v1/me", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void givenEachDemoUserWhenTheyAskWhoTheyAreExpectTheirOwnIdAndRoleAndNoOnesElse() {
        Map<String, String> roles = Map.ofEntries(Map.entry("staff.a", "STAFF"), Map.entry("dsl.a", "DSL"),
                Map.entry("head.a", "HEAD_TEACHER"), Map.entry("integration.a", "INTEGRATION"),
                Map.entry("governor.a", "GOVERNOR"), Map.entry("chair.a", "CHAIR_OF_GOVERNORS"),
                Map.entry("dsl.b", "DSL"), Map.entry("auditor", "AUDITOR"), Map.entry("governor.trust", "GOVERNOR"),
                Map.entry("operator", "OPERATOR"), Map.entry("dpo.trust", "DPO"));

        roles.forEach((user, role) -> {
            Response response = http().get("/api/v1/me", user);
            assertThat(response.status()).as(user).isEqualTo(200);
            assertThat(response.json().get("userId").asString()).as(user).isEqualTo(user);
            assertThat(response.json().get("role").asString()).as(user).isEqualTo(role);
        });
    }
}
