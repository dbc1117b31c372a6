package org.safecase.query.alert;

import org.junit.jupiter.api.Test;
import org.safecase.events.ContactMethod;
import org.safecase.events.EscalationTarget;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SubjectType;
import org.safecase.query.projection.IncidentEventDecoder;
import org.safecase.query.projection.ProjectionWriter;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.DSL;
import static org.safecase.query.support.TestIncident.GROOMING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

/**
 * A poll's duties are followed in memory from what was read of them at its start: owed and met in the same poll, met
 * again, dropped and owed again, they end as they would one event at a time.
 */
class DutiesInOnePollTest extends QueryServiceTest {

    @Autowired
    ProjectionWriter writer;

    @Autowired
    IncidentEventDecoder decoder;

    @Autowired
    TransactionTemplate transactions;

    private void applyInOnePoll(IncidentEventEnvelope... envelopes) {
        transactions.executeWithoutResult(status -> assertThat(writer.writeAll(generations.active(),
                Arrays.stream(envelopes).map(e -> decoder.decode(json.writeValueAsBytes(e))).toList(),
                ProjectionWriter.Mode.LENIENT)).allMatch(ProjectionWriter.Outcome::applied));
    }

    /** Each duty the incident has on record, and whether it is met. */
    private Map<String, Boolean> duties(TestIncident incident) {
        Map<String, Boolean> duties = new TreeMap<>();
        jdbc.query("SELECT duty_key, met_at IS NOT NULL FROM " + generations.activeSchema() + ".duty WHERE incident_id = ?",
                rs -> {
                    duties.put(rs.getString(1), rs.getBoolean(2));
                }, incident.id());
        return duties;
    }

    @Test
    void givenDutiesOwedMetDroppedAndOwedAgainAcrossPollsThenEachEndsAsOneEventAtATimeWouldLeaveIt() {
        String child = uniqueReference();
        TestIncident incident = incident("SCH-A");

        applyInOnePoll(incident.reported(GROOMING, pupil(child)), incident.escalated(EscalationTarget.DSL, "adult contact"),
                incident.note("spoke to the form tutor"));
        assertThat(duties(incident)).isEqualTo(Map.of("ESCALATION", true, "POLICE_REFERRAL", false,
                "PARENT_CONTACT", false));

        applyInOnePoll(incident.note("a second note"), incident.reclassified(CYBERBULLYING, "no adult involved"),
                incident.reclassified(GROOMING, "an adult after all"),
                incident.envelope(new ParentContactRecorded(incident.id(), "SCH-A", DSL, Instant.now(),
                        incident.subjectId(child), null, SubjectType.PUPIL, ParentContactDecision.INFORMED,
                        Instant.now(), ContactMethod.PHONE, null)));
        assertThat(duties(incident)).isEqualTo(Map.of("ESCALATION", true, "POLICE_REFERRAL", false,
                "PARENT_CONTACT", true));

        applyInOnePoll(incident.reclassified(CYBERBULLYING, "no adult involved"));
        assertThat(duties(incident)).isEqualTo(Map.of("ESCALATION", true, "PARENT_CONTACT", true));

        applyInOnePoll(incident.reclassified(GROOMING, "an adult after all"),
                incident.referredToPolice("West Midlands Police", "CR-7", null), incident.note("after the referral"));
        assertThat(duties(incident)).isEqualTo(Map.of("ESCALATION", true, "PARENT_CONTACT", true,
                "POLICE_REFERRAL", true));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + generations.activeSchema()
                + ".duty WHERE incident_id = ? AND met_at IS NULL", Long.class, incident.id())).isZero();
    }
}
