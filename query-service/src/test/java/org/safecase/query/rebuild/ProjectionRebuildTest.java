package org.safecase.query.rebuild;

import org.junit.jupiter.api.Test;
import org.safecase.events.Agency;
import org.safecase.events.EscalationTarget;
import org.safecase.events.Outcome;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.faults.GenerationComparison;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.GROOMING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

class ProjectionRebuildTest extends QueryServiceTest {

    @Test
    void givenProjectionsBuiltIncrementallyWhenRebuiltFromTheTopicThenTheNewGenerationIsIdenticalAndServesReads()
            throws SQLException {
        List<TestIncident> incidents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String pupilReference = uniqueReference();
            TestIncident incident = incident(i % 2 == 0 ? "SCH-A" : "SCH-B");
            stream.send(incident.reported(i % 3 == 0 ? GROOMING : CYBERBULLYING, pupil(pupilReference)),
                    incident.escalated(EscalationTarget.DSL, "escalated"),
                    incident.referredToPolice("West Midlands Police", "CR-" + i, null),
                    incident.externalReferral(Agency.CEOP, ReferralDecision.NOT_REFERRED, "no online contact", null),
                    incident.sanction(pupilReference, SubjectType.PUPIL, SanctionType.ACCESS_SUSPENSION,
                            LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27"), null),
                    incident.note("note"),
                    incident.closed(Outcome.INTERNAL_ACTION, "dealt with"));
            incidents.add(incident);
        }
        String before = generations.activeSchema();
        eventually(() -> incidents.forEach(incident -> assertThat(projectedVersion(before, incident)).isEqualTo(6)));

        Response started = http().post("/actuator/projections", "operator", "");
        TestIncident duringRebuild = incident("SCH-A");
        stream.send(duringRebuild.reported(CYBERBULLYING, pupil(uniqueReference())));
        stream.send(incidents.get(0).reopened("new evidence"));
        JsonNode done = eventually(() -> http().get("/actuator/projections", "operator").json(),
                status -> status.get("rebuild").get("status").asString().matches("SWITCHED|FAILED"));

        assertThat(started.status()).isEqualTo(200);
        assertThat(done.get("rebuild").get("status").asString()).isEqualTo("SWITCHED");
        String after = done.get("activeSchema").asString();
        assertThat(after).isNotEqualTo(before).isEqualTo(done.get("rebuild").get("schema").asString());
        assertThat(done.get("rebuild").get("applied").asLong()).isPositive();
        assertThat(done.get("rebuild").get("eventsPerSecond").asDouble()).isPositive();
        generations.refresh();
        eventually(() -> {
            assertThat(projectedVersion(after, duringRebuild)).isZero();
            assertThat(projectedVersion(after, incidents.get(0))).isEqualTo(7);
            assertThat(projectedVersion(before, incidents.get(0))).isEqualTo(7);
        });
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            GenerationComparison comparison = new GenerationComparison(connection);
            for (String table : comparison.tables(before)) {
                assertThat(comparison.differences(before, after, table)).as(table + " " + before + " minus " + after + ": "
                        + comparison.differingRows(before, after, table)).isZero();
                assertThat(comparison.differences(after, before, table)).as(table + " " + after + " minus " + before + ": "
                        + comparison.differingRows(after, before, table)).isZero();
            }
        }
        Response timeline = http().get("/api/v1/incidents/" + incidents.get(0).id() + "/timeline", "dsl.a");
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.json().get("entries").size()).isEqualTo(8);
    }

    @Test
    void onlyAnOperatorMayStartARebuild() {
        assertThat(http().post("/actuator/projections", "dsl.a", "").status()).isEqualTo(403);
        assertThat(http().get("/actuator/projections", "governor.a").status()).isEqualTo(403);
        assertThat(http().post("/actuator/projections", null, "").status()).isEqualTo(401);
    }

    private long projectedVersion(String schema, TestIncident incident) {
        List<Long> versions = jdbc.queryForList("SELECT last_sequence FROM " + schema
                + ".incident_checkpoint WHERE incident_id = ?", Long.class, incident.id());
        return versions.isEmpty() ? -1 : versions.get(0);
    }
}
