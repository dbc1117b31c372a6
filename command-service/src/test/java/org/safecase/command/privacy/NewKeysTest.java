package org.safecase.command.privacy;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.events.Sealed;
import org.safecase.platform.privacy.KeyStatus;
import org.safecase.platform.privacy.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of a new incident and of a person recorded for the first time are made without looking for them first:
 * a report sent again, or a person recorded again, still finds the key made the first time, and a destroyed key is
 * never made again.
 */
class NewKeysTest extends CommandServiceTest {

    @Autowired
    PersonalData personalData;

    @Test
    void givenAnIncidentKeyWhenTheReportIsSentAgainThenTheFirstKeyStillOpensWhatItSealed() {
        UUID incidentId = UUID.randomUUID();
        assertThat(personalData.createIncidentKey(incidentId)).isEqualTo(KeyStatus.PRESENT);
        Sealed sealed = personalData.seal(incidentId, "summary", "the first report");

        personalData.forgetIncidentKey(incidentId);
        assertThat(personalData.createIncidentKey(incidentId)).isEqualTo(KeyStatus.PRESENT);
        personalData.forgetIncidentKey(incidentId);

        assertThat(personalData.open(incidentId, "summary", sealed)).isEqualTo("the first report");
    }

    @Test
    void givenADestroyedIncidentKeyWhenTheIncidentIsReportedAgainThenItsKeyStaysDestroyed() {
        UUID incidentId = UUID.randomUUID();
        personalData.createIncidentKey(incidentId);
        personalData.destroyIncidentKey(incidentId);
        personalData.forgetIncidentKey(incidentId);

        assertThat(personalData.createIncidentKey(incidentId)).isEqualTo(KeyStatus.DESTROYED);
        assertThat(personalData.incidentKey(incidentId)).isEqualTo(KeyStatus.DESTROYED);
    }

    @Test
    void givenAPersonRecordedForTheFirstTimeWhenRecordedAgainThenTheSameSubjectAndKeyOpenTheirFields() {
        String reference = "UPN-" + UUID.randomUUID();
        UUID incidentId = UUID.randomUUID();
        personalData.createIncidentKey(incidentId);
        UUID first = personalData.subject("SCH-A", reference);
        assertThat(personalData.subjectKey(first)).isEqualTo(KeyStatus.PRESENT);
        Sealed sealed = personalData.sealFor(incidentId, first, "reference", reference);

        personalData.forgetSubjectKey(first);
        UUID again = personalData.subject("SCH-A", reference);

        assertThat(again).isEqualTo(first);
        assertThat(personalData.openFor(incidentId, again, "reference", sealed)).isEqualTo(reference);
        assertThat(personalData.subject("SCH-B", reference)).isNotEqualTo(first);
    }

    @Test
    void givenAnErasedPersonWhenTheirReferenceIsRecordedAgainThenTheyAreANewSubjectAndTheOldFieldsStayUnreadable() {
        String reference = "UPN-" + UUID.randomUUID();
        UUID incidentId = UUID.randomUUID();
        personalData.createIncidentKey(incidentId);
        UUID erased = personalData.subject("SCH-A", reference);
        Sealed sealed = personalData.sealFor(incidentId, erased, "reference", reference);
        personalData.destroySubjectKey(erased);

        UUID recordedAgain = personalData.subject("SCH-A", reference);

        assertThat(recordedAgain).isNotEqualTo(erased);
        assertThat(personalData.subjectKey(recordedAgain)).isEqualTo(KeyStatus.PRESENT);
        assertThat(personalData.subjectKey(erased)).isEqualTo(KeyStatus.DESTROYED);
        assertThat(personalData.openFor(incidentId, erased, "reference", sealed)).isEqualTo(Sealed.ERASED);
    }
}
