package org.safecase.query.projection;

import org.junit.jupiter.api.Test;
import org.safecase.events.IncidentReported;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;

/** The decoder with the service's own JSON configuration, on envelopes as the command service writes them. */
class IncidentEventDecoderTest extends QueryServiceTest {

    @Autowired
    IncidentEventDecoder decoder;

    @Test
    void givenAnEnvelopeWithFieldsAddedLaterThenItStillDecodes() {
        TestIncident incident = incident("SCH-A");
        ObjectNode envelope = json.valueToTree(incident.reported(CYBERBULLYING, pupil("P-1")));
        envelope.put("traceId", "abc");
        ((ObjectNode) envelope.get("payload")).put("newOptionalField", true);

        DecodedEvent decoded = decoder.decode(json.writeValueAsBytes(envelope));

        assertThat(decoded.incidentId()).isEqualTo(incident.id());
        assertThat(decoded.event()).isInstanceOf(IncidentReported.class);
        assertThat(((IncidentReported) decoded.event()).subjects()).hasSize(1);
    }

    @Test
    void givenEnvelopesThatDoNotFitThenTheReasonNamesTheProblemButNeverQuotesTheEvent() {
        TestIncident incident = incident("SCH-A");
        ObjectNode newer = json.valueToTree(incident.reported(CYBERBULLYING, pupil("P-1")));
        newer.put("schemaVersion", 3);
        ObjectNode badSubject = json.valueToTree(incident.reported(CYBERBULLYING, pupil("P-1")));
        ((ObjectNode) badSubject.get("payload").get("subjects").get(0)).put("type", "P-SECRET-NAME");
        ObjectNode otherIncident = json.valueToTree(incident.reported(CYBERBULLYING, pupil("P-1")));
        otherIncident.put("incidentId", java.util.UUID.randomUUID().toString());

        assertThatThrownBy(() -> decoder.decode(json.writeValueAsBytes(newer)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("schema version 3 of IncidentReported is newer than this service knows");
        assertThatThrownBy(() -> decoder.decode(json.writeValueAsBytes(badSubject)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("the payload does not match IncidentReported at subjects[0].type")
                .message().doesNotContain("P-SECRET-NAME");
        assertThatThrownBy(() -> decoder.decode(json.writeValueAsBytes(otherIncident)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("the payload and the envelope name different incidents");
        assertThat(decoder.identify("[1,2]".getBytes())).isEqualTo(EventIdentity.UNKNOWN);
    }

    @Test
    void givenAReportNamingTwoPeopleAndASanctionOfOneThenEachNamesThosePeopleForTheirKeys() {
        TestIncident incident = incident("SCH-A");
        DecodedEvent report = decoder.decode(json.writeValueAsBytes(incident.reported(CYBERBULLYING, pupil("P-1"),
                pupil("P-2"))));
        DecodedEvent sanction = decoder.decode(json.writeValueAsBytes(incident.sanction("P-2", SubjectType.PUPIL,
                SanctionType.DETENTION, LocalDate.now(), LocalDate.now(), "after school")));
        DecodedEvent note = decoder.decode(json.writeValueAsBytes(incident.note("no one named")));

        assertThat(report.subjectIds()).containsExactly(incident.subjectId("P-1"), incident.subjectId("P-2"));
        assertThat(sanction.subjectIds()).containsExactly(incident.subjectId("P-2"));
        assertThat(note.subjectIds()).isEmpty();
    }
}
