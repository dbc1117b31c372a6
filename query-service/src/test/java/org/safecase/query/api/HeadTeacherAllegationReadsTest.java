package org.safecase.query.api;

import org.junit.jupiter.api.Test;
import org.safecase.events.SubjectType;
import org.safecase.events.Involvement;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.STAFF;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.staff;
import static org.safecase.query.support.TestIncident.uniqueReference;

/**
 * KCSIE part 4 in the read models: an allegation against the head teacher is read by the chair of governors and
 * auditors, never by the head teacher, in every view; the chair reads nothing else.
 */
class HeadTeacherAllegationReadsTest extends QueryServiceTest {

    private List<String> logIds(String user) {
        JsonNode page = http().get("/api/v1/incidents?schoolId=SCH-A&size=100", user).json();
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> item.get("incidentId").asString()).toList();
    }

    private List<String> alertIncidents(String user) {
        return StreamSupport.stream(http().get("/api/v1/alerts", user).json().spliterator(), false)
                .map(alert -> alert.get("incidentId").asString()).toList();
    }

    @Test
    void givenAnAllegationAgainstTheHeadTeacherThenOnlyTheChairAndAuditorsReadItAndTheChairReadsNothingElse() {
        String victim = uniqueReference();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestIncident againstHead = incident("SCH-A");
        TestIncident againstTeacher = incident("SCH-A");
        TestIncident ordinary = incident("SCH-A");
        stream.send(againstHead.reported(CYBERBULLYING, STAFF, now.minusSeconds(60), now, true,
                staff("S-" + uniqueReference()), new TestIncident.Person(SubjectType.PUPIL, victim, Involvement.AFFECTED, "Y9")));
        stream.send(againstTeacher.reported(CYBERBULLYING, staff("S-" + uniqueReference())));
        stream.send(ordinary.reported(CYBERBULLYING, pupil(victim)));
        awaitProjected(againstHead, 0);
        awaitProjected(againstTeacher, 0);
        awaitProjected(ordinary, 0);
        String head = againstHead.id().toString();

        // the head teacher: never the allegation against them, in any view
        assertThat(logIds("head.a")).contains(againstTeacher.id().toString(), ordinary.id().toString())
                .doesNotContain(head);
        assertThat(http().get(againstHead.path(), "head.a").status()).isEqualTo(403);
        assertThat(http().get(againstHead.path() + "/timeline", "head.a").status()).isEqualTo(403);
        assertThat(alertIncidents("head.a")).doesNotContain(head);
        JsonNode victimsFileForHead = http().get("/api/v1/subjects/" + victim + "/chronology", "head.a").json();
        assertThat(victimsFileForHead.toString()).doesNotContain(head).contains(ordinary.id().toString());

        // the chair of governors: that allegation, and nothing else
        assertThat(logIds("chair.a")).containsExactly(head);
        assertThat(http().get(againstHead.path(), "chair.a").status()).isEqualTo(200);
        assertThat(http().get(againstHead.path() + "/timeline", "chair.a").json().toString())
                .contains("an allegation against the head teacher");
        assertThat(http().get(ordinary.path(), "chair.a").status()).isEqualTo(403);
        assertThat(http().get(againstTeacher.path(), "chair.a").status()).isEqualTo(403);
        assertThat(alertIncidents("chair.a")).contains(head).doesNotContain(againstTeacher.id().toString(),
                ordinary.id().toString());
        JsonNode victimsFileForChair = http().get("/api/v1/subjects/" + victim + "/chronology", "chair.a").json();
        assertThat(victimsFileForChair.toString()).contains(head).doesNotContain(ordinary.id().toString());

        // the DSL sees neither allegation; auditors see all three
        assertThat(logIds("dsl.a")).doesNotContain(head, againstTeacher.id().toString());
        assertThat(http().get(againstHead.path(), "auditor").status()).isEqualTo(200);
    }
}
