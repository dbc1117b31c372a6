package org.safecase.command.retention;

import org.junit.jupiter.api.Test;
import org.safecase.command.dataprotection.IncidentDisposal;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import org.safecase.platform.school.SchoolDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily retention job: lists by default; switched on, disposes of what is due, closed and not held. */
class DisposalJobTest extends CommandServiceTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Autowired
    RetentionSchedule schedule;

    @Autowired
    IncidentDisposal disposal;

    @Autowired
    SchoolDirectory schools;

    @Autowired
    Clock clock;

    /** An incident of 1995 without a date of birth: due in 2020. */
    private String longAgo() {
        Response created = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "1995-03-01T10:00:00Z",
                 "summary": "From the paper records", "subjects": [{"type": "PUPIL", "reference": "UPN-%s"}]}"""
                .formatted(UUID.randomUUID()));
        return created.json().get("incidentId").asString();
    }

    private void close(String id) {
        http().post("/api/v1/incidents/" + id + "/closure", "dsl.a", "{\"outcome\": \"INTERNAL_ACTION\", \"summary\": \"done\"}");
    }

    private DisposalJob job(boolean enabled) {
        return new DisposalJob(schedule, disposal, schools, clock, ZoneId.of("Europe/London"), enabled);
    }

    private JsonNode lastEvent(String id) {
        JsonNode events = http().get("/api/v1/incidents/" + id + "/events", "auditor").json();
        return events.get(events.size() - 1);
    }

    @Test
    void givenDueIncidentsWhenTheJobOnlyListsThenNothingIsDisposed() {
        String due = longAgo();
        close(due);

        DisposalJob.Outcome outcome = job(false).run(TODAY);

        assertThat(outcome.due()).isPositive();
        assertThat(outcome.disposed()).isZero();
        assertThat(lastEvent(due).get("type").asString()).isEqualTo("IncidentClosed");
    }

    @Test
    void givenDisposalSwitchedOnThenEveryDueClosedIncidentNotUnderHoldIsDisposedByRule() {
        String due = longAgo();
        close(due);
        String held = longAgo();
        close(held);
        http().post("/api/v1/incidents/" + held + "/legal-hold", "dpo.trust", "{\"reason\": \"Inquiry\"}");
        String open = longAgo();

        DisposalJob.Outcome outcome = job(true).run(TODAY);

        assertThat(outcome.disposed()).isPositive();
        JsonNode disposed = lastEvent(due);
        assertThat(disposed.get("type").asString()).isEqualTo("IncidentDisposed");
        assertThat(disposed.get("actor").get("userId").asString()).isEqualTo(DisposalJob.ACTOR);
        assertThat(disposed.get("payload").get("retentionRule").asString()).isEqualTo("PUPIL_RECORD_DOB_PLUS_25");
        assertThat(disposed.get("payload").get("reason").asString()).contains("PUPIL_RECORD_DOB_PLUS_25", "2020-03-01");
        assertThat(lastEvent(held).get("type").asString()).isEqualTo("LegalHoldPlaced");
        assertThat(lastEvent(open).get("type").asString()).isEqualTo("IncidentReported");
        assertThat(schedule.due(java.util.Set.of("SCH-A"), TODAY)).extracting(RetentionSchedule.DueIncident::incidentId)
                .map(UUID::toString).doesNotContain(due).contains(held, open);
    }
}
