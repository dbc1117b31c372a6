package org.safecase.command.api;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

class IncidentCommandApiTest extends CommandServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    private String reportIncident(String category) {
        Response created = http().post("/api/v1/incidents", "dsl.a", report(category, "PUPIL", uniqueReference()));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }

    private long storedEvents(String incidentId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                incidentId);
    }

    @Test
    void reportingAnIncidentAnswers201WithItsLocationAndVersionZero() {
        Response response = http().post("/api/v1/incidents", "staff.a", report("INA-CYBERBULLY", "PUPIL", uniqueReference()));

        assertThat(response.status()).isEqualTo(201);
        String id = response.json().get("incidentId").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(response.json().get("version").asLong()).isZero();
        assertThat(response.header("Location")).isEqualTo("/api/v1/incidents/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        assertThat(storedEvents(id)).isEqualTo(1);
    }

    @Test
    void eachChangeAnswersTheIncidentsNewVersion() {
        String id = reportIncident("ILL-RACIST");
        Response escalated = http().post("/api/v1/incidents/" + id + "/escalations", "dsl.a",
                "{\"to\": \"DSL\", \"reason\": \"adult contact\"}");
        Response referred = http().post("/api/v1/incidents/" + id + "/police-referrals", "dsl.a",
                "{\"force\": \"West Midlands Police\", \"crimeReference\": \"CR-1\", \"referredAt\": \"2026-11-20T11:00:00Z\"}");
        Response closed = http().post("/api/v1/incidents/" + id + "/closure", "dsl.a",
                "{\"outcome\": \"POLICE_ACTION\", \"summary\": \"handed to police\"}");

        assertThat(escalated.json().get("version").asLong()).isEqualTo(1);
        assertThat(referred.json().get("version").asLong()).isEqualTo(2);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void aRefusalByPolicyIs409NamingTheRuleAndWritesNothing() {
        String id = reportIncident("ILL-CSAI");

        Response refused = http().post("/api/v1/incidents/" + id + "/closure", "dsl.a",
                "{\"outcome\": \"NO_FURTHER_ACTION\", \"summary\": \"nothing to see\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("rule").asString()).isEqualTo("POLICE_REFERRAL_REQUIRED");
        assertThat(refused.json().get("unmetRequirements").toString()).contains("IWF_REPORT_REQUIRED");
        assertThat(refused.json().get("type").asString()).isNotBlank();
        assertThat(refused.json().get("title").asString()).isNotBlank();
        assertThat(refused.json().get("detail").asString()).isNotBlank();
        assertThat(storedEvents(id)).isEqualTo(1);
    }

    @Test
    void aStaleIfMatchIs412AndWritesNothing() {
        String id = reportIncident("INA-CYBERBULLY");
        http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"first\"}");

        Response stale = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"second\"}",
                Map.of("If-Match", "\"0\""));
        Response current = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"second\"}",
                Map.of("If-Match", "\"1\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("version").asLong()).isEqualTo(2);
        assertThat(storedEvents(id)).isEqualTo(3);
    }

    @Test
    void anUnknownIncidentIs404() {
        Response response = http().post("/api/v1/incidents/" + UUID.randomUUID() + "/notes", "dsl.a", "{\"text\": \"x\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void malformedJsonIs400() {
        Response response = http().post("/api/v1/incidents", "dsl.a", "{\"schoolId\": \"SCH-A\", ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnknownEnumValueIs400NamingTheField() {
        String body = report("INA-CYBERBULLY", "ALIEN", uniqueReference());

        Response response = http().post("/api/v1/incidents", "dsl.a", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("subjects[0].type");
    }

    @Test
    void missingRequiredFieldsAre400ListingEachField() {
        Response response = http().post("/api/v1/incidents", "dsl.a", "{\"schoolId\": \"SCH-A\", \"subjects\": []}");

        assertThat(response.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("category", "occurredAt", "summary", "subjects");
    }

    @Test
    void anUnknownCategoryIs400() {
        Response response = http().post("/api/v1/incidents", "dsl.a", report("NOT-A-CATEGORY", "PUPIL", uniqueReference()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("category");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Response response = http().post("/api/v1/incidents", "dsl.a", "schoolId=SCH-A",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRetriedReportWithTheSameIdempotencyKeyFindsTheFirstIncident() {
        String key = UUID.randomUUID().toString();
        String body = report("INA-CYBERBULLY", "PUPIL", uniqueReference());

        Response first = http().post("/api/v1/incidents", "integration.a", body, Map.of("Idempotency-Key", key));
        Response retry = http().post("/api/v1/incidents", "integration.a", body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("incidentId")).isEqualTo(first.json().get("incidentId"));
    }

    @Test
    void aRetriedReportFromTheSameSourceRecordFindsTheFirstIncident() {
        String body = report("SCH-A", "INA-CYBERBULLY", "PUPIL", uniqueReference(), "CPOMS-" + UUID.randomUUID());
        Response first = http().post("/api/v1/incidents", "integration.a", body);
        Response retry = http().post("/api/v1/incidents", "integration.a", body);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("incidentId")).isEqualTo(first.json().get("incidentId"));
    }

    @Test
    void aRetryFoundByItsSourceRecordClaimsNoNewIdempotencyKey() {
        String body = report("SCH-A", "INA-CYBERBULLY", "PUPIL", uniqueReference(), "CPOMS-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        Response first = http().post("/api/v1/incidents", "integration.a", body);

        Response retry = http().post("/api/v1/incidents", "integration.a", body, Map.of("Idempotency-Key", key));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("incidentId")).isEqualTo(first.json().get("incidentId"));
        // the key would otherwise name an incident that was never created
        assertThat(incidentsWithKey(key)).isZero();
    }

    @Test
    void aRetryWrittenDifferentlyButMeaningTheSameFindsTheFirstIncident() {
        String key = UUID.randomUUID().toString();
        String body = report("INA-CYBERBULLY", "PUPIL", uniqueReference());
        JsonNode tree = json(body);
        // the same report with its members in another order, other spacing and the instant written another way
        String rewritten = "{\"subjects\": " + tree.get("subjects") + ", \"summary\": " + tree.get("summary")
                + ",\n \"occurredAt\": \"2026-11-20T10:15:00.000Z\", \"offSite\": true, \"category\": \"INA-CYBERBULLY\","
                + " \"schoolId\": \"SCH-A\"}";

        Response first = http().post("/api/v1/incidents", "integration.a", body, Map.of("Idempotency-Key", key));
        Response retry = http().post("/api/v1/incidents", "integration.a", rewritten, Map.of("Idempotency-Key", key));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("incidentId")).isEqualTo(first.json().get("incidentId"));
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIs409NamingNoIncident() {
        String key = UUID.randomUUID().toString();
        Response first = http().post("/api/v1/incidents", "integration.a", report("INA-CYBERBULLY", "PUPIL", uniqueReference()),
                Map.of("Idempotency-Key", key));
        String other = report("INA-CYBERBULLY", "PUPIL", uniqueReference());

        Response reused = http().post("/api/v1/incidents", "integration.a", other, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().get("rule").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.raw().body()).doesNotContain(first.json().get("incidentId").asString());
        assertThat(reused.header("Location")).isNull();
        assertThat(incidentsWithKey(key)).isEqualTo(1);
    }

    @Test
    void aSourceRecordReportedAgainWithAnotherBodyIs409NamingNoIncident() {
        String cpomsReference = "CPOMS-" + UUID.randomUUID();
        Response first = http().post("/api/v1/incidents", "integration.a",
                report("SCH-A", "INA-CYBERBULLY", "PUPIL", uniqueReference(), cpomsReference));

        Response reused = http().post("/api/v1/incidents", "integration.a",
                report("SCH-A", "INA-CYBERBULLY", "PUPIL", uniqueReference(), cpomsReference));

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("rule").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.raw().body()).doesNotContain(first.json().get("incidentId").asString());
    }

    @Test
    void aKeyOfAnAllegationAgainstStaffNeverRevealsItToAUserWhoMayNotReadIt() {
        String key = UUID.randomUUID().toString();
        String allegation = report("STF-PUPIL-COMMS", "STAFF", "S-" + uniqueReference());
        Response byHead = http().post("/api/v1/incidents", "head.a", allegation, Map.of("Idempotency-Key", key));
        String id = byHead.json().get("incidentId").asString();

        Response sameBodyByDsl = http().post("/api/v1/incidents", "dsl.a", allegation, Map.of("Idempotency-Key", key));
        Response otherBodyByDsl = http().post("/api/v1/incidents", "dsl.a",
                report("INA-CYBERBULLY", "PUPIL", uniqueReference()), Map.of("Idempotency-Key", key));
        Response retriedByHead = http().post("/api/v1/incidents", "head.a", allegation, Map.of("Idempotency-Key", key));

        assertThat(byHead.status()).isEqualTo(201);
        assertThat(sameBodyByDsl.status()).isEqualTo(409);
        assertThat(sameBodyByDsl.raw().body()).doesNotContain(id);
        // the same refusal as for another body: the DSL cannot even tell that the body matched
        assertThat(sameBodyByDsl.json()).isEqualTo(otherBodyByDsl.json());
        assertThat(retriedByHead.status()).isEqualTo(200);
        assertThat(retriedByHead.json().get("incidentId").asString()).isEqualTo(id);
        assertThat(incidentsWithKey(key)).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyLongerThan255CharactersOrNotPrintableIs400AndTouchesNoTable() {
        String body = report("INA-CYBERBULLY", "PUPIL", uniqueReference());

        Response longerThanTheColumn = http().post("/api/v1/incidents", "integration.a", body,
                Map.of("Idempotency-Key", "k".repeat(600)));
        Response justOver = http().post("/api/v1/incidents", "integration.a", body,
                Map.of("Idempotency-Key", "k".repeat(256)));
        Response withATab = http().post("/api/v1/incidents", "integration.a", body,
                Map.of("Idempotency-Key", "key\twith-a-tab"));
        String longest = UUID.randomUUID() + "k".repeat(255 - 36);
        Response atTheLimit = http().post("/api/v1/incidents", "integration.a", body, Map.of("Idempotency-Key", longest));

        for (Response refused : List.of(longerThanTheColumn, justOver, withATab)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("rule").asString()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        }
        assertThat(atTheLimit.status()).isEqualTo(201);
        assertThat(incidentsWithKey("k".repeat(600))).isZero();
    }

    @Test
    void concurrentRetriesOfOneReportCreateOneIncident() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = report("INA-CYBERBULLY", "PUPIL", uniqueReference());
        int retries = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(retries);
        try {
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < retries; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return http().post("/api/v1/incidents", "integration.a", body, Map.of("Idempotency-Key", key));
                };
                responses.add(pool.submit(call));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int createdCount = 0;
            for (Future<Response> response : responses) {
                Response r = response.get();
                assertThat(r.status()).isIn(200, 201);
                createdCount += r.status() == 201 ? 1 : 0;
                ids.add(r.json().get("incidentId").asString());
            }
            assertThat(ids).hasSize(1);
            assertThat(createdCount).isEqualTo(1);
            assertThat(storedEvents(ids.iterator().next())).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedReportLeavesItsIdempotencyKeyFree() {
        String key = UUID.randomUUID().toString();
        Response refused = http().post("/api/v1/incidents", "dsl.a", report("STF-PUPIL-COMMS", "PUPIL", uniqueReference()),
                Map.of("Idempotency-Key", key));
        Response corrected = http().post("/api/v1/incidents", "dsl.a", report("INA-CYBERBULLY", "PUPIL", uniqueReference()),
                Map.of("Idempotency-Key", key));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("rule").asString()).isEqualTo("CATEGORY_NOT_APPLICABLE");
        assertThat(corrected.status()).isEqualTo(201);
    }

    @Test
    void aCorrectionIsAppendedWithItsFieldValueReasonAndActor() {
        String id = reportIncident("INA-CYBERBULLY");

        Response occurredAt = http().post("/api/v1/incidents/" + id + "/corrections", "dsl.a",
                "{\"field\": \"occurredAt\", \"value\": \"2026-11-19T08:30:00Z\", \"reason\": \"the CCTV clock\"}");
        String offSiteBody = "{\"field\": \"offSite\", \"value\": true, \"reason\": \"it was on the school trip\"}";
        Response byARecorder = http().post("/api/v1/incidents/" + id + "/corrections", "staff.a", offSiteBody);
        Response offSite = http().post("/api/v1/incidents/" + id + "/corrections", "head.a", offSiteBody);

        assertThat(occurredAt.status()).isEqualTo(200);
        assertThat(byARecorder.status()).isEqualTo(403);
        assertThat(offSite.status()).isEqualTo(200);
        assertThat(offSite.header("ETag")).isEqualTo("\"2\"");
        JsonNode events = http().get("/api/v1/incidents/" + id + "/events", "dsl.a").json();
        assertThat(events.get(1).get("type").asString()).isEqualTo("IncidentCorrected");
        assertThat(events.get(1).get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(events.get(1).get("actor").get("userId").asString()).isEqualTo("dsl.a");
        assertThat(events.get(1).get("payload").get("field").asString()).isEqualTo("occurredAt");
        assertThat(events.get(1).get("payload").get("occurredAt").asString()).isEqualTo("2026-11-19T08:30:00Z");
        assertThat(events.get(2).get("payload").get("offSite").asBoolean()).isTrue();
        assertThat(events.get(2).get("actor").get("userId").asString()).isEqualTo("head.a");
    }

    @Test
    void aCorrectionOfAnUnknownFieldOrWithABadValueIs400NamingTheFieldAndWritesNothing() {
        String id = reportIncident("INA-CYBERBULLY");
        String path = "/api/v1/incidents/" + id + "/corrections";

        Response field = http().post(path, "dsl.a", "{\"field\": \"category\", \"value\": \"x\", \"reason\": \"r\"}");
        Response time = http().post(path, "dsl.a", "{\"field\": \"occurredAt\", \"value\": \"yesterday\", \"reason\": \"r\"}");
        Response future = http().post(path, "dsl.a",
                "{\"field\": \"occurredAt\", \"value\": \"2999-01-01T00:00:00Z\", \"reason\": \"r\"}");
        Response flag = http().post(path, "dsl.a", "{\"field\": \"offSite\", \"value\": \"maybe\", \"reason\": \"r\"}");
        Response noReason = http().post(path, "dsl.a", "{\"field\": \"offSite\", \"value\": \"true\"}");

        assertThat(field.status()).isEqualTo(400);
        assertThat(field.contentType()).startsWith("application/problem+json");
        assertThat(field.json().get("errors").get(0).get("field").asString()).isEqualTo("field");
        for (Response bad : List.of(time, future, flag)) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("value");
        }
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(storedEvents(id)).isEqualTo(1);
    }

    @Test
    void aPersonIsAddedOnceAndBadInputIs400NamingTheFieldAndWritesNothing() {
        String id = reportIncident("INA-CYBERBULLY");
        String path = "/api/v1/incidents/" + id + "/subjects";
        String reference = uniqueReference();

        Response noType = http().post(path, "dsl.a", "{\"reference\": \"%s\"}".formatted(reference));
        Response futureBirth = http().post(path, "dsl.a",
                "{\"type\": \"PUPIL\", \"reference\": \"%s\", \"dateOfBirth\": \"2999-01-01\"}".formatted(reference));
        Response staff = http().post(path, "dsl.a",
                "{\"type\": \"STAFF\", \"reference\": \"%s\", \"involvement\": \"ALLEGED\"}".formatted(uniqueReference()));
        long before = storedEvents(id);
        Response added = http().post(path, "dsl.a", """
                {"type": "PUPIL", "reference": "%s", "involvement": "WITNESS", "yearGroup": "Y5", "dateOfBirth": "2016-01-02"}"""
                .formatted(reference));
        Response again = http().post(path, "dsl.a", "{\"type\": \"PUPIL\", \"reference\": \"%s\"}".formatted(reference));
        Response sanction = http().post("/api/v1/incidents/" + id + "/sanctions", "dsl.a", """
                {"subjectReference": "%s", "type": "DETENTION", "startsOn": "2026-11-21"}""".formatted(reference));

        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.contentType()).startsWith("application/problem+json");
        assertThat(noType.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(futureBirth.status()).isEqualTo(400);
        assertThat(futureBirth.json().get("errors").get(0).get("field").asString()).isEqualTo("dateOfBirth");
        assertThat(staff.status()).isEqualTo(409);
        assertThat(staff.json().get("rule").asString()).isEqualTo("REPORT_AS_STAFF_ALLEGATION");
        assertThat(before).isEqualTo(1);
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.header("ETag")).isEqualTo("\"1\"");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("rule").asString()).isEqualTo("DUPLICATE_SUBJECT");
        assertThat(sanction.status()).isEqualTo(200);
        JsonNode events = http().get("/api/v1/incidents/" + id + "/events", "auditor").json();
        assertThat(events.get(1).get("type").asString()).isEqualTo("SubjectAdded");
        assertThat(events.get(1).get("actor").get("userId").asString()).isEqualTo("dsl.a");
        assertThat(events.get(1).get("payload").get("subject").get("reference").asString()).isEqualTo(reference);
        assertThat(events.get(1).get("payload").get("subject").get("yearGroup").asString()).isEqualTo("Y5");
    }

    @Test
    void aPersonRecordedByMistakeIsRemovedNoLongerSanctionedAndTheLastOneStays() {
        String reference = uniqueReference();
        Response created = http().post("/api/v1/incidents", "dsl.a", report("INA-CYBERBULLY", "PUPIL", reference));
        String id = created.json().get("incidentId").asString();
        String path = "/api/v1/incidents/" + id;
        String other = http().get(path + "/events", "dsl.a").json().get(0).get("payload").get("subjects").get(1)
                .get("reference").asString();

        Response noReason = http().post(path + "/subjects/" + reference + "/removal", "dsl.a", "{\"reason\": \" \"}");
        Response unknown = http().post(path + "/subjects/" + uniqueReference() + "/removal", "dsl.a",
                "{\"reason\": \"wrong pupil\"}");
        long before = storedEvents(id);
        Response removed = http().post(path + "/subjects/" + reference + "/removal", "dsl.a",
                "{\"reason\": \"wrong pupil\"}");
        Response sanction = http().post(path + "/sanctions", "dsl.a", """
                {"subjectReference": "%s", "type": "DETENTION", "startsOn": "2026-11-21"}""".formatted(reference));
        Response last = http().post(path + "/subjects/" + other + "/removal", "dsl.a", "{\"reason\": \"also wrong\"}");

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(unknown.status()).isEqualTo(409);
        assertThat(unknown.json().get("rule").asString()).isEqualTo("SUBJECT_NOT_IN_INCIDENT");
        assertThat(before).isEqualTo(1);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.header("ETag")).isEqualTo("\"1\"");
        assertThat(sanction.status()).isEqualTo(409);
        assertThat(sanction.json().get("rule").asString()).isEqualTo("SANCTION_SUBJECT_NOT_IN_INCIDENT");
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("rule").asString()).isEqualTo("LAST_SUBJECT");
        JsonNode events = http().get(path + "/events", "auditor").json();
        assertThat(events.size()).isEqualTo(2);
        assertThat(events.get(1).get("type").asString()).isEqualTo("SubjectRemoved");
        assertThat(events.get(1).get("actor").get("userId").asString()).isEqualTo("dsl.a");
        assertThat(events.get(1).get("payload").get("subjectType").asString()).isEqualTo("PUPIL");
        assertThat(events.get(1).get("payload").get("reason").asString()).isEqualTo("wrong pupil");
        // the report keeps that they were recorded (R20)
        assertThat(events.get(0).get("payload").get("subjects").size()).isEqualTo(2);
    }

    @Test
    void theEventStreamShowsEveryEventInOrderWithTypeVersionAndActor() {
        String id = reportIncident("INA-CYBERBULLY");
        http().post("/api/v1/incidents/" + id + "/notes", "staff.a", "{\"text\": \"spoke to pupil\"}");
        http().post("/api/v1/incidents/" + id + "/sanctions", "dsl.a", """
                {"subjectReference": "%s", "type": "ACCESS_SUSPENSION", "startsOn": "2026-11-20", "endsOn": "2026-11-27"}
                """.formatted(subjectOf(id)));

        Response stream = http().get("/api/v1/incidents/" + id + "/events", "auditor");

        assertThat(stream.status()).isEqualTo(200);
        JsonNode events = stream.json();
        assertThat(events.size()).isEqualTo(3);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("sequence").asLong()).isEqualTo(i);
            assertThat(event.get("schemaVersion").asInt()).isEqualTo(2);
            assertThat(event.get("eventId").asString()).isNotBlank();
            assertThat(event.get("recordedAt").asString()).endsWith("Z");
            types.add(event.get("type").asString());
        }
        assertThat(types).containsExactly("IncidentReported", "NoteAdded", "SanctionApplied");
        assertThat(events.get(1).get("actor").get("userId").asString()).isEqualTo("staff.a");
        assertThat(events.get(1).get("actor").get("role").asString()).isEqualTo("STAFF");
        assertThat(events.get(2).get("payload").get("endsOn").asString()).isEqualTo("2026-11-27");
    }

    @Test
    void theActorIsTheAuthenticatedUserABodyNamingOneIsRefused() {
        String id = reportIncident("INA-CYBERBULLY");
        Response naming = http().post("/api/v1/incidents/" + id + "/notes", "staff.a",
                "{\"text\": \"note\", \"actor\": {\"userId\": \"head.a\", \"role\": \"HEAD_TEACHER\"}}");
        http().post("/api/v1/incidents/" + id + "/notes", "staff.a", "{\"text\": \"note\"}");

        JsonNode events = http().get("/api/v1/incidents/" + id + "/events", "dsl.a").json();

        assertThat(naming.status()).isEqualTo(400);
        assertThat(naming.json().get("errors").get(0).get("field").asString()).isEqualTo("actor");
        assertThat(events.size()).isEqualTo(2);
        assertThat(events.get(1).get("actor").get("userId").asString()).isEqualTo("staff.a");
    }

    @Test
    void anUnknownPropertyIs400NamingItButNeverItsValueAndWritesNothing() {
        String typo = report("INA-CYBERBULLY", "PUPIL", uniqueReference()).replace("\"offSite\"", "\"offsite\"");
        String nested = report("INA-CYBERBULLY", "PUPIL", uniqueReference())
                .replace("\"yearGroup\": \"Y6\"", "\"yearGroup\": \"Y6\", \"nickname\": \"P-SECRET-NAME\"");

        long before = allStoredEvents();
        Response misspelt = http().post("/api/v1/incidents", "dsl.a", typo);
        Response unexpected = http().post("/api/v1/incidents", "dsl.a", nested);

        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.contentType()).startsWith("application/problem+json");
        assertThat(misspelt.json().get("rule").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(misspelt.json().get("errors").get(0).get("field").asString()).isEqualTo("offsite");
        assertThat(unexpected.status()).isEqualTo(400);
        assertThat(unexpected.json().get("errors").get(0).get("field").asString()).isEqualTo("subjects[0].nickname");
        assertThat(unexpected.raw().body()).doesNotContain("P-SECRET-NAME");
        assertThat(allStoredEvents()).isEqualTo(before);
    }

    @Test
    void aPropertyGivenTwiceIs400NamingIt() {
        String id = reportIncident("INA-CYBERBULLY");

        Response twice = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a",
                "{\"text\": \"harmless\", \"text\": \"the one that would have won\"}");
        Response nested = http().post("/api/v1/incidents", "dsl.a", report("INA-CYBERBULLY", "PUPIL", uniqueReference())
                .replace("\"involvement\": \"ALLEGED\"", "\"involvement\": \"ALLEGED\", \"involvement\": \"AFFECTED\""));

        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("errors").get(0).get("field").asString()).isEqualTo("text");
        assertThat(twice.raw().body()).doesNotContain("would have won");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().get("errors").get(0).get("field").asString()).isEqualTo("subjects[0].involvement");
        assertThat(storedEvents(id)).isEqualTo(1);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeAnythingReadsIt() {
        String id = reportIncident("INA-CYBERBULLY");
        String oversized = "{\"text\": \"" + "x".repeat(1024 * 1024) + "\"}";

        Response declared = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", oversized);
        Response chunked = http().postChunked("/api/v1/incidents/" + id + "/notes", "dsl.a",
                oversized.getBytes(StandardCharsets.UTF_8));

        for (Response refused : List.of(declared, chunked)) {
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("rule").asString()).isEqualTo("BODY_TOO_LARGE");
        }
        assertThat(storedEvents(id)).isEqualTo(1);
    }

    @Test
    void aBodyWithinTheLimitIsReadWhetherChunkedOrNot() {
        String id = reportIncident("INA-CYBERBULLY");
        String longest = "{\"text\": \"" + "x".repeat(10_000) + "\"}";

        assertThat(http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", longest).status()).isEqualTo(200);
        assertThat(http().postChunked("/api/v1/incidents/" + id + "/notes", "dsl.a",
                longest.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(storedEvents(id)).isEqualTo(3);
    }

    private long incidentsWithKey(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM incident_creation_key WHERE key_kind = 'IDEMPOTENCY' AND key_value = ?",
                Long.class, key);
    }

    private long allStoredEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static JsonNode json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }

    private String subjectOf(String incidentId) {
        JsonNode first = http().get("/api/v1/incidents/" + incidentId + "/events", "dsl.a").json().get(0);
        return first.get("payload").get("subjects").get(0).get("reference").asString();
    }
}
