package org.safecase.query.timeline;

import org.junit.jupiter.api.Test;
import org.safecase.events.Actor;
import org.safecase.events.Agency;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentReported;
import org.safecase.events.NoteAdded;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Role;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SanctionType;
import org.safecase.events.Subject;
import org.safecase.events.SubjectType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;

class TimelineSummariesTest {

    private static final UUID ID = UUID.randomUUID();
    private static final Actor DSL = new Actor("dsl.a", Role.DSL);
    private static final Instant AT = Instant.parse("2026-11-20T10:15:00Z");

    @Test
    void givenEventsWhosePersonalFieldsWereErasedThenTheirSummariesStillReadAndTheDetailIsEmpty() {
        var reported = TimelineSummaries.of(new IncidentReported(ID, "SCH-A", DSL, AT, CYBERBULLYING, AT, null,
                List.of(new Subject(SubjectType.PUPIL, null, null, null)), false, null, false, List.of()));
        var sanction = TimelineSummaries.of(new SanctionApplied(ID, "SCH-A", DSL, AT, null, SubjectType.STAFF,
                SanctionType.WARNING, LocalDate.parse("2026-11-20"), null, null));
        var note = TimelineSummaries.of(new NoteAdded(ID, "SCH-A", DSL, AT, null));

        assertThat(reported.summary()).isEqualTo("Reported as Cyber-bullying (INAPPROPRIATE), 1 subject, on site");
        assertThat(reported.detail()).isNull();
        assertThat(sanction.summary()).isEqualTo("Sanction WARNING for a member of staff from 2026-11-20");
        assertThat(sanction.subjectReference()).isNull();
        assertThat(note.summary()).isEqualTo("Note added");
        assertThat(note.detail()).isNull();
    }

    @Test
    void givenReferralsThenTheSummaryNamesTheBodyAndItsReferenceButNotTheRationale() {
        assertThat(TimelineSummaries.of(new PoliceReferralMade(ID, "SCH-A", DSL, AT, "Met Police", null, AT, "notes"))
                .summary()).isEqualTo("Referred to Met Police");
        var iwf = TimelineSummaries.of(new ExternalReferralRecorded(ID, "SCH-A", DSL, AT, Agency.IWF,
                ReferralDecision.REFERRED, "Images found", "IWF-7", AT));
        assertThat(iwf.summary()).isEqualTo("Referred to the IWF (reference IWF-7)");
        assertThat(iwf.detail()).isEqualTo("Images found");
        assertThat(TimelineSummaries.of(new IncidentEscalated(ID, "SCH-A", DSL, AT,
                org.safecase.events.EscalationTarget.HEAD_TEACHER, "r")).summary()).isEqualTo("Escalated to the head teacher");
    }
}
