package org.safecase.query.accesslog;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.platform.privacy.PrivacyDatabase;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

/** The read log: every read of case data, allowed or refused, recorded; read by auditors and the DPO only. */
class AccessLogTest extends QueryServiceTest {

    @Autowired
    private PrivacyDatabase privacy;

    private TestIncident incident;
    private String pupilReference;

    @BeforeEach
    void anIncidentOfSchoolAWithASanctionedPupil() {
        pupilReference = uniqueReference();
        incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(pupilReference)));
        stream.send(incident.sanction(pupilReference, SubjectType.PUPIL, SanctionType.WARNING, LocalDate.now(), null, null));
        awaitProjected(incident, 1);
    }

    @Test
    void givenADslReadsATimelineThenTheLogShowsWhoTheirRoleWhatWhenAndThatItWasAllowed() {
        Instant before = Instant.now();
        assertThat(http().get(incident.path() + "/timeline", "dsl.a").status()).isEqualTo(200);

        JsonNode entry = single(entries("auditor", "incidentId=" + incident.id()));
        assertThat(text(entry, "userId")).isEqualTo("dsl.a");
        assertThat(text(entry, "role")).isEqualTo("DSL");
        assertThat(text(entry, "service")).isEqualTo("query");
        assertThat(text(entry, "action")).isEqualTo("TIMELINE");
        assertThat(text(entry, "incidentId")).isEqualTo(incident.id().toString());
        assertThat(text(entry, "schoolId")).isEqualTo("SCH-A");
        assertThat(text(entry, "subjectReference")).isNull();
        assertThat(text(entry, "outcome")).isEqualTo("ALLOWED");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
        assertThat(Instant.parse(text(entry, "at"))).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
    }

    @Test
    void givenReadsRefusedByRoleBySchoolOrForAMissingIncidentThenEachIsLoggedAsRefusedWithItsStatus() {
        assertThat(http().get(incident.path() + "/timeline", "governor.a").status()).isEqualTo(403);
        assertThat(http().get(incident.path(), "dsl.b").status()).isEqualTo(403);
        assertThat(http().get(incident.path() + "/timeline", null).status()).isEqualTo(401);
        UUID missing = UUID.randomUUID();
        assertThat(http().get("/api/v1/incidents/" + missing, "dsl.a").status()).isEqualTo(404);

        assertThat(entries("dpo.trust", "incidentId=" + incident.id()))
                .extracting(e -> text(e, "userId"), e -> text(e, "role"), e -> text(e, "action"), e -> text(e, "outcome"),
                        e -> e.get("status").asInt())
                // newest first; the anonymous request (401) is nobody's read
                .containsExactly(tuple("dsl.b", "DSL", "INCIDENT", "REFUSED", 403),
                        tuple("governor.a", "GOVERNOR", "TIMELINE", "REFUSED", 403));
        assertThat(entries("dpo.trust", "incidentId=" + missing))
                .extracting(e -> text(e, "userId"), e -> text(e, "action"), e -> text(e, "outcome"), e -> e.get("status").asInt())
                .containsExactly(tuple("dsl.a", "INCIDENT", "REFUSED", 404));
    }

    @Test
    void givenASanctionsReadByReferenceThenTheLogFindsItByTheReferenceAndShowsItButStoresItOnlySealed() {
        assertThat(http().get("/api/v1/subjects/" + pupilReference + "/sanctions", "dsl.a").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/subjects/" + pupilReference + "/sanctions", "governor.trust").status()).isEqualTo(403);

        List<JsonNode> entries = entries("auditor", "subjectReference=" + pupilReference);
        assertThat(entries)
                .extracting(e -> text(e, "userId"), e -> text(e, "action"), e -> text(e, "subjectReference"),
                        e -> text(e, "schoolId"), e -> text(e, "outcome"), e -> e.get("status").asInt())
                .containsExactly(tuple("governor.trust", "SANCTIONS", pupilReference, "SCH-A", "REFUSED", 403),
                        tuple("dsl.a", "SANCTIONS", pupilReference, "SCH-A", "ALLOWED", 200));
        UUID subjectId = personalData.knownSubject("SCH-A", pupilReference).orElseThrow();
        // the two reads, and the auditor's search of the log for them (itself a read about the person)
        assertThat(privacy.jdbc().queryForList("SELECT subject_reference FROM access_log WHERE subject_id = ?",
                String.class, subjectId)).hasSize(3).allSatisfy(sealed -> assertThat(sealed).isNotBlank()
                .doesNotContain(pupilReference));
        assertThat(privacy.jdbc().queryForObject("SELECT count(*) FROM access_log WHERE subject_reference LIKE ?",
                Long.class, "%" + pupilReference + "%")).isZero();
    }

    @Test
    void givenThePersonIsErasedThenTheirReferenceInTheLogIsUnreadableButTheEntryStays() {
        assertThat(http().get("/api/v1/subjects/" + pupilReference + "/sanctions", "dsl.a").status()).isEqualTo(200);
        Instant at = Instant.parse(text(single(entries("dpo.trust", "subjectReference=" + pupilReference)), "at"));

        // as the command service erases: the event in the incident's stream, then the key destroyed
        IncidentEventEnvelope erased = incident.subjectErased(pupilReference, "Art. 17 request");
        personalData.destroySubjectKey(personalData.knownSubject("SCH-A", pupilReference).orElseThrow());
        stream.send(erased);
        awaitProjected(incident, 2);

        assertThat(entries("dpo.trust", "subjectReference=" + pupilReference)).isEmpty();
        assertThat(entries("dpo.trust", "userId=dsl.a&from=" + at + "&to=" + at.plusNanos(1_000)))
                .filteredOn(e -> text(e, "action").equals("SANCTIONS"))
                .extracting(e -> text(e, "subjectReference"), e -> text(e, "outcome"))
                .containsExactly(tuple("[erased]", "ALLOWED"));
    }

    @Test
    void givenTheDslsDayListsThenEveryReadOfThemIsLoggedAllowedOrRefusedAndOnlyTheLeadsReadAlerts() {
        assertThat(http().get("/api/v1/alerts", "chair.a").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/actions", "chair.a").status()).isEqualTo(200);
        for (String user : List.of("staff.a", "integration.a", "governor.a", "auditor", "dpo.trust", "operator")) {
            assertThat(http().get("/api/v1/alerts", user).status()).as(user).isEqualTo(403);
        }
        for (String user : List.of("integration.a", "governor.a", "auditor", "dpo.trust", "operator")) {
            assertThat(http().get("/api/v1/actions", user).status()).as(user).isEqualTo(403);
        }

        assertThat(entries("dpo.trust", "userId=chair.a"))
                .extracting(e -> text(e, "action"), e -> text(e, "outcome"))
                .contains(tuple("ALERTS", "ALLOWED"), tuple("ACTIONS", "ALLOWED"));
        assertThat(entries("dpo.trust", "userId=integration.a"))
                .extracting(e -> text(e, "action"), e -> text(e, "outcome"), e -> e.get("status").asInt())
                .contains(tuple("ALERTS", "REFUSED", 403), tuple("ACTIONS", "REFUSED", 403));
    }

    @Test
    void givenSeveralReadsThenTheLogIsNewestFirstAndPaged() {
        for (String user : List.of("dsl.a", "head.a", "integration.a")) {
            assertThat(http().get(incident.path(), user).status()).isEqualTo(200);
        }

        JsonNode first = log("auditor", "incidentId=" + incident.id() + "&size=2");
        JsonNode second = log("auditor", "incidentId=" + incident.id() + "&size=2&page=1");

        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("items").valueStream().map(e -> text(e, "userId"))).containsExactly("integration.a", "head.a");
        // the auditor's search of the log for this incident is itself a read about it, now the newest
        assertThat(second.get("total").asLong()).isEqualTo(4);
        assertThat(second.get("items").valueStream().map(e -> text(e, "userId"))).containsExactly("head.a", "dsl.a");
        assertThat(log("auditor", "incidentId=" + incident.id() + "&size=1").get("items").get(0).get("action").asString())
                .isEqualTo("ACCESS_LOG");
    }

    @Test
    void givenEachRoleThenTheLogIsReadByAuditorsAndTheDpoOnlyAndEveryReadOfItIsLoggedToo() {
        for (String user : List.of("dsl.a", "dsl.b", "head.a", "integration.a", "staff.a", "governor.a", "governor.trust",
                "operator")) {
            Response refused = http().get("/api/v1/access-log", user);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(http().get("/api/v1/access-log", null).status()).isEqualTo(401);
        assertThat(http().get("/api/v1/access-log", "auditor").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/access-log", "dpo.trust").status()).isEqualTo(200);

        assertThat(entries("auditor", "userId=operator"))
                .extracting(e -> text(e, "action"), e -> text(e, "outcome"), e -> e.get("status").asInt())
                .contains(tuple("ACCESS_LOG", "REFUSED", 403));
        assertThat(entries("dpo.trust", "userId=auditor"))
                .extracting(e -> text(e, "action"), e -> text(e, "role"), e -> text(e, "outcome"))
                .contains(tuple("ACCESS_LOG", "AUDITOR", "ALLOWED"));
    }

    @Test
    void givenEntriesOfAnotherTrustThenTheyAreNotShown() {
        UUID elsewhere = UUID.randomUUID();
        for (String trust : List.of("TRUST-1", "TRUST-2")) {
            privacy.jdbc().update("""
                    INSERT INTO access_log (service, user_id, role, trust_id, action, incident_id, outcome, status)
                    VALUES ('query', 'someone', 'DSL', ?, 'INCIDENT', ?, 'ALLOWED', 200)""", trust, elsewhere);
        }

        JsonNode page = log("auditor", "incidentId=" + elsewhere);

        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items")).hasSize(1);
    }

    @Test
    void givenBadFiltersThen400WithTheFieldNamed() {
        assertInvalid("incidentId=not-an-id", "incidentId");
        assertInvalid("from=yesterday", "from");
        assertInvalid("from=2026-11-22&to=2026-11-20", "to");
        assertInvalid("page=-1", "page");
        assertInvalid("size=0", "size");
        assertInvalid("size=101", "size");
        assertInvalid("page=one", "page");
    }

    @Test
    void givenAnUpdateDeleteOrTruncateOfTheLogThenEachFailsAndTheEntriesStay() {
        assertThat(http().get(incident.path() + "/timeline", "dsl.a").status()).isEqualTo(200);

        assertThatThrownBy(() -> privacy.jdbc().update("UPDATE access_log SET outcome = 'REFUSED' WHERE incident_id = ?",
                incident.id())).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> privacy.jdbc().update("DELETE FROM access_log WHERE incident_id = ?", incident.id()))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> privacy.jdbc().execute("TRUNCATE access_log"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");

        assertThat(privacy.jdbc().queryForList("SELECT outcome FROM access_log WHERE incident_id = ?", String.class,
                incident.id())).containsExactly("ALLOWED");
    }

    @Test
    void givenTheReadCannotBeRecordedThen503AndNothingOfTheCaseIsServed() {
        String suffix = incident.id().toString().replace("-", "");
        privacy.jdbc().execute("""
                CREATE FUNCTION refuse_%1$s() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'the read log is down (test)'; END; $$;
                CREATE TRIGGER refuse_%1$s BEFORE INSERT ON access_log FOR EACH ROW
                    WHEN (NEW.incident_id = '%2$s') EXECUTE FUNCTION refuse_%1$s()""".formatted(suffix, incident.id()));
        try {
            Response response = http().get(incident.path() + "/timeline", "dsl.a");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("rule").asString()).isEqualTo("READ_LOG_UNAVAILABLE");
            assertThat(response.header("Safecase-Projection-Version")).isNull();
            assertThat(response.raw().body()).doesNotContain("entries", "Messages sent in the evening",
                    incident.id().toString());
        } finally {
            privacy.jdbc().execute("DROP TRIGGER refuse_%1$s ON access_log; DROP FUNCTION refuse_%1$s()".formatted(suffix));
        }
        assertThat(http().get(incident.path() + "/timeline", "dsl.a").status()).isEqualTo(200);
    }

    private void assertInvalid(String query, String field) {
        Response response = http().get("/api/v1/access-log?" + query, "auditor");
        assertThat(response.status()).as(query).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString())).as(query)
                .containsExactly(field);
    }

    private JsonNode log(String user, String query) {
        Response response = http().get("/api/v1/access-log?" + query, user);
        assertThat(response.status()).as(user + " GET access-log?" + query).isEqualTo(200);
        return response.json();
    }

    private List<JsonNode> entries(String user, String query) {
        return log(user, query + "&size=100").get("items").valueStream().toList();
    }

    private static JsonNode single(List<JsonNode> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
