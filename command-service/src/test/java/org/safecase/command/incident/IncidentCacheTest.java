package org.safecase.command.incident;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.events.Actor;
import org.safecase.events.NoteAdded;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.Role;
import org.safecase.localstack.Http.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

/**
 * Incidents stay loaded between commands ({@link IncidentCache}). Another command-service instance appends to the
 * same store without touching this instance's cache: a command decided on the stale cached incident must still get
 * the answer the stored incident gives. Here the other instance's change is appended straight to the event store,
 * as that instance's repository would.
 */
class IncidentCacheTest extends CommandServiceTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionManager transactions;

    @Autowired
    @Qualifier(IncidentCache.NAME)
    Cache incidents;

    private String reported(String category) {
        Response created = http().post("/api/v1/incidents", "dsl.a", report(category, "PUPIL", uniqueReference()));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("incidentId").asString();
        // loaded and kept in the cache by a first change
        assertThat(http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"first\"}").status())
                .isEqualTo(200);
        return id;
    }

    /** What another instance appends: the incident's next event, through the store (chained), not this cache. */
    private void appendedElsewhere(String id, long sequence, Object event) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        unitOfWork.execute(() -> eventStore.publish(new GenericDomainEventMessage<>("Incident", id, sequence, event)));
    }

    /**
     * Commands on one incident come minutes or days apart, with many collections between them: an incident held only
     * weakly was gone by the next one (a steady 100 commands/s reloaded about nine notes in ten from the store).
     */
    @Test
    void givenAnIncidentChangedThenItIsStillLoadedAfterAFullGarbageCollection() {
        String id = reported("INA-CYBERBULLY");

        System.gc();

        assertThat(incidents.containsKey(id)).isTrue();
    }

    @Test
    void givenAPoliceReferralRecordedByAnotherInstanceThenClosingIsDecidedOnTheStoredIncidentNotTheCachedOne() {
        String id = reported("ILL-RACIST");
        appendedElsewhere(id, 2, new PoliceReferralMade(UUID.fromString(id), "SCH-A", new Actor("dsl.a", Role.DSL),
                Instant.now(), "West Midlands Police", null, Instant.now(), null));

        Response closed = http().post("/api/v1/incidents/" + id + "/closure", "dsl.a",
                "{\"outcome\": \"POLICE_ACTION\", \"summary\": \"with the police\"}");

        assertThat(closed.status()).as(closed.raw().body()).isEqualTo(200);
        assertThat(closed.json().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void givenANoteAddedByAnotherInstanceThenTheNextChangeTakesTheNextSequenceInsteadOfFailing() {
        String id = reported("INA-CYBERBULLY");
        appendedElsewhere(id, 2, new NoteAdded(UUID.fromString(id), "SCH-A", new Actor("dsl.a", Role.DSL), Instant.now(),
                null));

        Response note = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"third\"}");

        assertThat(note.status()).as(note.raw().body()).isEqualTo(200);
        assertThat(note.json().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void givenAnIfMatchOfTheStoredVersionThenAStaleCacheDoesNotAnswer412() {
        String id = reported("INA-CYBERBULLY");
        appendedElsewhere(id, 2, new NoteAdded(UUID.fromString(id), "SCH-A", new Actor("dsl.a", Role.DSL), Instant.now(),
                null));

        Response note = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"third\"}",
                java.util.Map.of("If-Match", "\"2\""));
        Response stale = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"fourth\"}",
                java.util.Map.of("If-Match", "\"2\""));

        assertThat(note.status()).as(note.raw().body()).isEqualTo(200);
        assertThat(stale.status()).isEqualTo(412);
    }
}
