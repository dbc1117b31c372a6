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

/** The production path: tokens of the school's identity provider, with a configurable role claim. */
@TestPropertySource(properties = {"safecase.security.mode=jwt", "safecase.security.jwt.role-claim=groups"})
class JwtAuthenticationTest extends CommandServiceTest {

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

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String token(KeyPair keys, String subject, List<String> groups, String schoolId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                    .subject(subject).claim("groups", groups).claim("school_id", schoolId)
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
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
