package org.safecase.platform.privacy;

import org.junit.jupiter.api.Test;
import org.safecase.events.Sealed;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.SharedTestInfrastructure;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projector's poll makes its incidents' and their people's keys ready in one round trip and holds them while it runs:
 * fields open as they would without it, a destroyed key still erases, a key missing when the poll was prepared is
 * found once another instance makes it, and a key cache that keeps nothing drops none of them until they are released.
 */
class PreparedKeysTest {

    /** The command service, sealing and destroying with its own key cache. */
    private final PersonalData commandSide = PersonalData.standalone(url(), LocalPostgres.OWNER, "",
            SharedTestInfrastructure.keyEncryptionKey());

    /** A projector whose key cache keeps no key: every key it has is either held or looked up again. */
    private final PersonalData projector = withoutCache();

    private static String url() {
        return SharedTestInfrastructure.database("safecase_privacy");
    }

    private static PersonalData withoutCache() {
        PrivacyProperties.Datasource datasource = new PrivacyProperties.Datasource(url(), LocalPostgres.OWNER, "", 2);
        PrivacyDatabase database = new PrivacyDatabase(datasource, true);
        String kek = SharedTestInfrastructure.keyEncryptionKey();
        return new PersonalData(new DataKeys(database, new ConfiguredKeyEncryptionKeys(kek, List.of()),
                Duration.ofNanos(1), 1),
                database);
    }

    @Test
    void givenPresentDestroyedAndMissingKeysPreparedThenFieldsOpenAsWithoutPreparingAndALaterKeyIsFound() {
        UUID kept = UUID.randomUUID();
        UUID destroyed = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        commandSide.createIncidentKey(kept);
        commandSide.createIncidentKey(destroyed);
        Sealed keptText = commandSide.seal(kept, "summary", "kept text");
        Sealed destroyedText = commandSide.seal(destroyed, "summary", "destroyed text");
        commandSide.destroyIncidentKey(destroyed);
        UUID pupil = commandSide.subject("SCH-A", "UPN-" + UUID.randomUUID());
        Sealed pupilsText = commandSide.sealFor(kept, pupil, "reference", "the pupil's reference");

        try (FieldOpener.Prepared keys = projector.prepare(List.of(kept, destroyed, later, kept), List.of(pupil))) {
            commandSide.createIncidentKey(later);
            Sealed laterText = commandSide.seal(later, "summary", "later text");

            assertThat(projector.open(kept, "summary", keptText)).isEqualTo("kept text");
            assertThat(projector.open(destroyed, "summary", destroyedText)).isEqualTo(Sealed.ERASED);
            assertThat(projector.open(later, "summary", laterText)).isEqualTo("later text");
            assertThat(projector.openFor(kept, pupil, "reference", pupilsText)).isEqualTo("the pupil's reference");
        }
    }

    @Test
    void givenKeysPreparedThenEachIsHeldUntilForgottenOrReleased() {
        List<UUID> incidents = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<Sealed> texts = incidents.stream().map(id -> {
            commandSide.createIncidentKey(id);
            return commandSide.seal(id, "summary", "text of " + id);
        }).toList();

        try (FieldOpener.Prepared keys = projector.prepare(incidents, List.of())) {
            incidents.forEach(commandSide::destroyIncidentKey);

            for (int i = 0; i < incidents.size(); i++) {
                assertThat(projector.open(incidents.get(i), "summary", texts.get(i))).isEqualTo("text of " + incidents.get(i));
            }
            projector.forgetIncidentKey(incidents.get(0));
            assertThat(projector.open(incidents.get(0), "summary", texts.get(0))).isEqualTo(Sealed.ERASED);
        }
        assertThat(projector.open(incidents.get(1), "summary", texts.get(1))).isEqualTo(Sealed.ERASED);
    }
}
