package org.safecase.command.accesslog;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.events.Sealed;
import org.safecase.localstack.Http.Response;
import org.safecase.platform.accesslog.ReadLog;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.privacy.PrivacyDatabase;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

/** The command service's reads of case data (the event stream, the subject access export) in the shared read log. */
class AccessLogTest extends CommandServiceTest {

    @Autowired
    private PrivacyDatabase privacy;

    @Autowired
    private PersonalData personalData;

    @Test
    void givenReadsOfAnIncidentsEventsThenEachAllowedOrRefusedReadIsLogged() {
        String id = reported(uniqueReference());

        assertThat(http().get("/api/v1/incidents/" + id + "/events", "dsl.a").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/incidents/" + id + "/events", "dsl.b").status()).isEqualTo(403);
        assertThat(http().get("/api/v1/incidents/" + id + "/events", "staff.a").status()).isEqualTo(403);
        assertThat(http().get("/api/v1/incidents/" + id + "/events", null).status()).isEqualTo(401);

        assertThat(privacy.jdbc().queryForList("""
                        SELECT service, user_id, role, school_id, trust_id, action, outcome, status
                        FROM access_log WHERE incident_id = ? ORDER BY id""", UUID.fromString(id)))
                .extracting(row -> row.get("service"), row -> row.get("user_id"), row -> row.get("role"),
                        row -> row.get("school_id"), row -> row.get("trust_id"), row -> row.get("action"),
                        row -> row.get("outcome"), row -> row.get("status"))
                .containsExactly(tuple("command", "dsl.a", "DSL", "SCH-A", "TRUST-1", "EVENTS", "ALLOWED", 200),
                        // the school's refusal comes from the incident, the role's from the service's rules
                        tuple("command", "dsl.b", "DSL", "SCH-B", "TRUST-1", "EVENTS", "REFUSED", 403),
                        tuple("command", "staff.a", "STAFF", "SCH-A", "TRUST-1", "EVENTS", "REFUSED", 403));
    }

    @Test
    void givenASubjectAccessExportThenTheLogNamesThePersonByTheirSealedReference() {
        String reference = uniqueReference();
        reported(reference);
        UUID subjectId = personalData.knownSubject("SCH-A", reference).orElseThrow();

        Response export = http().get("/api/v1/subjects/" + reference + "/export?schoolId=SCH-A", "dpo.trust");
        assertThat(export.status()).isEqualTo(200);
        assertThat(http().get("/api/v1/subjects/" + reference + "/export?schoolId=SCH-A", "dsl.a").status()).isEqualTo(403);

        List<Map<String, Object>> rows = privacy.jdbc().queryForList("""
                SELECT user_id, role, school_id, action, incident_id, subject_reference, outcome, status
                FROM access_log WHERE subject_id = ? ORDER BY id""", subjectId);
        assertThat(rows)
                .extracting(row -> row.get("user_id"), row -> row.get("role"), row -> row.get("school_id"),
                        row -> row.get("action"), row -> row.get("incident_id"), row -> row.get("outcome"),
                        row -> row.get("status"))
                .containsExactly(tuple("dpo.trust", "DPO", "SCH-A", "EXPORT", null, "ALLOWED", 200),
                        tuple("dsl.a", "DSL", "SCH-A", "EXPORT", null, "REFUSED", 403));
        assertThat(rows).extracting(row -> (String) row.get("subject_reference")).allSatisfy(sealed -> {
            assertThat(sealed).doesNotContain(reference);
            assertThat(personalData.openForPerson(subjectId, ReadLog.SUBJECT_REFERENCE_FIELD, Sealed.ciphertext(sealed)))
                    .isEqualTo(reference);
        });
    }

    @Test
    void givenAnExportOfAReferenceNoOneHasThenTheReadIsLoggedWithoutAPerson() {
        String unknown = uniqueReference();
        Response export = http().get("/api/v1/subjects/" + unknown + "/export?schoolId=SCH-A", "dpo.trust");

        List<Map<String, Object>> rows = privacy.jdbc().queryForList("""
                SELECT subject_id, subject_reference, status FROM access_log
                WHERE user_id = 'dpo.trust' AND action = 'EXPORT' ORDER BY id DESC LIMIT 1""");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("subject_id")).isNull();
            assertThat(row.get("subject_reference")).isNull();
            assertThat(row.get("status")).isEqualTo(export.status());
        });
    }

    private String reported(String reference) {
        Response created = http().post("/api/v1/incidents", "dsl.a", report("INA-CYBERBULLY", "PUPIL", reference));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }
}
