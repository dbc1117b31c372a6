package org.safecase.command.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

/** The production path: tokens of the school's identity provider, with a configurable role claim and audience. */
@TestPropertySource(properties = {"safecase.security.mode=jwt", "safecase.security.jwt.role-claim=groups",
        "safecase.security.jwt.audience=" + JwtAuthenticationTest.AUDIENCE})
class JwtAuthenticationTest extends CommandServiceTest {

    static final String AUDIENCE = "safecase-test";
    private static final KeyPair IDENTITY_PROVIDER = rsaKeys();
    private static final KeyPair IMPOSTOR = rsaKeys();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + publicKeyFile(IDENTITY_PROVIDER));
    }

    @Test
    void aTokenOfTheIdentityProviderActsAsItsSubjectInItsRoleAndSchool() {
        String token = token(IDENTITY_PROVIDER, "dsl.jwt", List.of("DSL"), "SCH-A");

        Response created = http().post("/api/v1/incidents", null, report("INA-CYBERBULLY", "PUPIL", uniqueReference()),
                bearer(token));
        String id = created.json().get("incidentId").asString();
        Response events = http().get("/api/v1/incidents/" + id + "/events", null, bearer(token));

        assertThat(created.status()).isEqualTo(201);
        assertThat(events.json().get(0).get("actor").get("userId").asString()).isEqualTo("dsl.jwt");
        assertThat(events.json().get(0).get("actor").get("role").asString()).isEqualTo("DSL");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        String forged = token(IMPOSTOR, "dsl.jwt", List.of("DSL"), "SCH-A");

        Response response = http().post("/api/v1/incidents", null, report("INA-CYBERBULLY", "PUPIL", uniqueReference()),
                bearer(forged));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenWithoutASafecaseRoleIs401() {
        String token = token(IDENTITY_PROVIDER, "someone", List.of("LIBRARIAN"), "SCH-A");

        assertThat(http().get("/api/v1/categories", null, bearer(token)).status()).isEqualTo(401);
    }

    @Test
    void theRoleInTheTokenDecidesWhatItMayDo() {
        String governor = token(IDENTITY_PROVIDER, "gov.jwt", List.of("GOVERNOR"), "SCH-A");

        assertThat(http().post("/api/v1/incidents", null, report("INA-CYBERBULLY", "PUPIL", uniqueReference()),
                bearer(governor)).status()).isEqualTo(403);
    }

    @Test
    void demoUsersDoNotExistInProduction() {
        assertThat(http().get("/api/v1/categories", "dsl.a").status()).isEqualTo(401);
    }

    @Test
    void aTokenIssuedForAnotherAudienceIs401() {
        String forApp = token(IDENTITY_PROVIDER, claims("dsl.jwt", "DSL").audience("timetable-app").claim("school_id", "SCH-A"));
        String forDefault = token(IDENTITY_PROVIDER, claims("dsl.jwt", "DSL").audience("safecase").claim("school_id", "SCH-A"));

        assertUnauthenticated(http().post("/api/v1/incidents", null, report("INA-CYBERBULLY", "PUPIL", uniqueReference()),
                bearer(forApp)));
        assertUnauthenticated(http().get("/api/v1/categories", null, bearer(forDefault)));
    }

    @Test
    void aTokenWithoutAnAudienceIs401() {
        String token = token(IDENTITY_PROVIDER, unaddressed("dsl.jwt").claim("groups", List.of("DSL"))
                .claim("school_id", "SCH-A"));

        assertUnauthenticated(http().get("/api/v1/categories", null, bearer(token)));
    }

    @Test
    void aTokenWhoseAudiencesIncludeSafecasesIsAccepted() {
        String token = token(IDENTITY_PROVIDER, claims("dsl.jwt", "DSL").audience(List.of("timetable-app", AUDIENCE))
                .claim("school_id", "SCH-A"));

        assertThat(http().get("/api/v1/categories", null, bearer(token)).status()).isEqualTo(200);
    }

    @Test
    void aSchoolRoleMustNameASchoolOfTheDirectory() {
        for (String role : List.of("STAFF", "DSL", "HEAD_TEACHER", "INTEGRATION")) {
            assertUnauthenticated(http().get("/api/v1/categories", null,
                    bearer(token(IDENTITY_PROVIDER, claims("user.jwt", role).claim("school_id", "SCH-NOPE")))));
            assertUnauthenticated(http().get("/api/v1/categories", null,
                    bearer(token(IDENTITY_PROVIDER, claims("user.jwt", role).claim("trust_id", "TRUST-1")))));
        }
        // a school governor too; and a school in another trust than the token says
        assertUnauthenticated(http().get("/api/v1/categories", null,
                bearer(token(IDENTITY_PROVIDER, claims("gov.jwt", "GOVERNOR").claim("school_id", "SCH-NOPE")))));
        assertUnauthenticated(http().get("/api/v1/categories", null, bearer(token(IDENTITY_PROVIDER,
                claims("dsl.jwt", "DSL").claim("school_id", "SCH-A").claim("trust_id", "TRUST-2")))));
    }

    @Test
    void aTrustRoleMustNameATrustOfTheDirectoryAndNoSchool() {
        for (String role : List.of("AUDITOR", "OPERATOR", "DPO", "GOVERNOR")) {
            assertUnauthenticated(http().get("/api/v1/categories", null,
                    bearer(token(IDENTITY_PROVIDER, claims("trust.jwt", role).claim("trust_id", "TRUST-NOPE")))));
            assertUnauthenticated(http().get("/api/v1/categories", null,
                    bearer(token(IDENTITY_PROVIDER, claims("trust.jwt", role)))));
        }
        for (String role : List.of("AUDITOR", "OPERATOR", "DPO")) {
            assertUnauthenticated(http().get("/api/v1/categories", null, bearer(token(IDENTITY_PROVIDER,
                    claims("trust.jwt", role).claim("trust_id", "TRUST-1").claim("school_id", "SCH-A")))));
        }
    }

    @Test
    void usersOfAKnownSchoolOrTrustAreAccepted() {
        String dsl = token(IDENTITY_PROVIDER, "dsl.jwt", List.of("DSL"), "SCH-A");
        String id = http().post("/api/v1/incidents", null, report("INA-CYBERBULLY", "PUPIL", uniqueReference()), bearer(dsl))
                .json().get("incidentId").asString();
        String auditor = token(IDENTITY_PROVIDER, claims("auditor.jwt", "AUDITOR").claim("trust_id", "TRUST-1"));
        String trustGovernor = token(IDENTITY_PROVIDER, claims("gov.jwt", "GOVERNOR").claim("trust_id", "TRUST-1"));
        String schoolGovernor = token(IDENTITY_PROVIDER, claims("gov.jwt", "GOVERNOR").claim("school_id", "SCH-A")
                .claim("trust_id", "TRUST-1"));

        assertThat(http().get("/api/v1/incidents/" + id + "/events", null, bearer(auditor)).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/categories", null, bearer(trustGovernor)).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/categories", null, bearer(schoolGovernor)).status()).isEqualTo(200);
    }

    @Test
    void aUserClaimWithAControlCharacterOrOver128CharactersIs401() {
        for (String subject : List.of("dsl.jwt\nFORGED LOG LINE", "dsl.jwt\u0000", "dsl jwt", "\u202Edsl.jwt", "",
                "d".repeat(129))) {
            Response response = http().post("/api/v1/incidents", null,
                    report("INA-CYBERBULLY", "PUPIL", uniqueReference()),
                    bearer(token(IDENTITY_PROVIDER, subject, List.of("DSL"), "SCH-A")));
            assertUnauthenticated(response);
        }
        String longest = "d".repeat(120) + ".a@b|c:+";
        Response created = http().post("/api/v1/incidents", null, report("INA-CYBERBULLY", "PUPIL", uniqueReference()),
                bearer(token(IDENTITY_PROVIDER, longest, List.of("DSL"), "SCH-A")));
        assertThat(created.status()).isEqualTo(201);
    }

    private static void assertUnauthenticated(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("rule").asString()).isEqualTo("UNAUTHENTICATED");
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** A token of the test's audience for a user of a school, as the identity provider issues it. */
    private static String token(KeyPair keys, String subject, List<String> groups, String schoolId) {
        return token(keys, claims(subject, null).claim("groups", groups).claim("school_id", schoolId));
    }

    /** A user's claims for the test's audience, with one role (if given) and no school or trust yet. */
    private static JWTClaimsSet.Builder claims(String subject, String role) {
        JWTClaimsSet.Builder claims = unaddressed(subject).audience(AUDIENCE);
        return role == null ? claims : claims.claim("groups", List.of(role));
    }

    private static JWTClaimsSet.Builder unaddressed(String subject) {
        return new JWTClaimsSet.Builder().subject(subject)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    private static String token(KeyPair keys, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path publicKeyFile(KeyPair keys) {
        try {
            Path file = Files.createTempFile("safecase-idp", ".pem");
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
