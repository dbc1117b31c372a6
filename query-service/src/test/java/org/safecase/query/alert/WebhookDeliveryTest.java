package org.safecase.query.alert;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.safecase.query.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outbound alerts, against a real HTTP receiver ({@link WebhookReceiver}) configured for {@link #WEBHOOK_SCHOOL}:
 * the dispatcher runs on its schedule as in production; where an hour has to pass, the test moves the services'
 * clock instead of waiting.
 */
class WebhookDeliveryTest extends QueryServiceTest {

    private static final WebhookReceiver receiver = WebhookReceiver.shared();

    /** What a payload may say: identifiers, codes and times, nothing else. */
    private static final Set<String> ENVELOPE = Set.of("type", "timestamp", "data");
    private static final Set<String> DATA = Set.of("incidentId", "schoolId", "category", "due", "dueAt", "overdue");

    @Autowired
    private WebhookOutbox outbox;

    @Autowired
    private WebhookDispatcher dispatcher;

    @Autowired
    private AlertSource alerts;

    private record OutboxRow(String id, int attempts, Instant lastAttemptAt, Instant nextAttemptAt,
                             Instant deliveredAt, String lastStatus) {
    }

    @BeforeEach
    void listeningReceiver() {
        receiver.reset();
    }

    @AfterEach
    void backToNow() {
        CLOCK.reset();
        receiver.reset();
    }

    @Test
    void givenAReceiverWhenAnAlertIsQueuedThenItGetsOneContentFreePostWhoseSignatureVerifies() throws Exception {
        Alert alert = alert(WEBHOOK_SCHOOL, false);

        assertTrue(outbox.enqueue(alert));
        String id = outboxId(alert);
        eventually(() -> assertNotNull(row(id).deliveredAt()));

        List<WebhookReceiver.Request> requests = receiver.receivedFor(id);
        assertEquals(1, requests.size());
        WebhookReceiver.Request request = requests.get(0);
        // independent verification: the specification's library, as a school's receiver would use it
        assertDoesNotThrow(() -> new Webhook(receiver.secret()).verify(request.body(), request.headers()));
        assertTrue(id.startsWith("msg_"));
        assertEquals("application/json", request.header("Content-Type"));
        long sentAt = Long.parseLong(request.header("webhook-timestamp"));
        assertTrue(Math.abs(sentAt - Instant.now().getEpochSecond()) < 60);

        JsonNode body = json.readTree(request.body());
        assertEquals(ENVELOPE, fieldNames(body));
        assertEquals(DATA, fieldNames(body.get("data")));
        assertEquals("alert.due", body.get("type").asString());
        assertEquals(alert.incidentId().toString(), body.get("data").get("incidentId").asString());
        assertEquals(WEBHOOK_SCHOOL, body.get("data").get("schoolId").asString());
        assertEquals("CP-NEGLECT", body.get("data").get("category").asString());
        assertEquals("DSL_ESCALATION", body.get("data").get("due").asString());
        assertEquals(alert.dueAt(), Instant.parse(body.get("data").get("dueAt").asString()));
        assertFalse(body.get("data").get("overdue").asBoolean());
        OutboxRow delivered = row(id);
        assertEquals(1, delivered.attempts());
        assertEquals("204", delivered.lastStatus());

        // an hour on, a delivered message is never sent again
        CLOCK.moveTo(Instant.now().plus(Duration.ofHours(1)));
        dispatcher.deliverDue();
        assertEquals(1, receiver.receivedFor(id).size());
    }

    @Test
    void givenADeliveredAlertWhenItsBodyIdOrSecretIsNotTheSignedOnesThenVerificationFails() throws Exception {
        Alert alert = alert(WEBHOOK_SCHOOL, false);
        outbox.enqueue(alert);
        String id = outboxId(alert);
        eventually(() -> assertEquals(1, receiver.receivedFor(id).size()));
        WebhookReceiver.Request request = receiver.receivedFor(id).get(0);
        Webhook school = new Webhook(receiver.secret());
        assertDoesNotThrow(() -> school.verify(request.body(), request.headers()));

        String tampered = request.body().replace("\"overdue\":false", "\"overdue\":true");
        assertFalse(tampered.equals(request.body()));
        assertThrows(WebhookVerificationException.class, () -> school.verify(tampered, request.headers()));

        Map<String, List<String>> otherId = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        otherId.putAll(request.headers());
        otherId.put("webhook-id", List.of("msg_" + UUID.randomUUID()));
        assertThrows(WebhookVerificationException.class, () -> school.verify(request.body(), otherId));

        Webhook anotherSecret = new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThrows(WebhookVerificationException.class, () -> anotherSecret.verify(request.body(), request.headers()));
    }

    @Test
    void givenTheReceiverDownForAnHourThenTheAlertIsRetriedEverLessOftenAndDeliveredOnceWhenItIsBack() throws Exception {
        receiver.stop();
        Instant start = CLOCK.instant();
        Alert alert = alert(WEBHOOK_SCHOOL, true);
        outbox.enqueue(alert);
        String id = outboxId(alert);

        // refused connections for the first half hour, then 503 Service Unavailable until the hour is over
        List<Long> backoffs = new ArrayList<>();
        OutboxRow row = attempted(id, 1);
        assertEquals("ConnectException", row.lastStatus());
        while (true) {
            backoffs.add(Duration.between(row.lastAttemptAt(), row.nextAttemptAt()).toSeconds());
            if (!row.lastAttemptAt().isBefore(start.plus(Duration.ofHours(1)))) {
                break;
            }
            if (!row.nextAttemptAt().isBefore(start.plus(Duration.ofMinutes(30)))) {
                receiver.answerWith(503);
                receiver.start();
            }
            CLOCK.moveTo(row.nextAttemptAt());
            row = attempted(id, row.attempts() + 1);
            assertEquals(row.lastAttemptAt().isBefore(start.plus(Duration.ofMinutes(30))) ? "ConnectException" : "503",
                    row.lastStatus());
            assertTrue(receiver.receivedFor(id).stream().allMatch(request -> request.answered() == 503));
        }
        // doubling from 10 s, then every 15 minutes however long it takes
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 320L, 640L, 900L, 900L, 900L, 900L), backoffs);
        assertNotNull(row.lastStatus());
        assertEquals(null, row.deliveredAt());

        receiver.answerWith(204);
        CLOCK.moveTo(row.nextAttemptAt());
        eventually(() -> assertNotNull(row(id).deliveredAt()));

        OutboxRow delivered = row(id);
        assertEquals(12, delivered.attempts());
        assertEquals("204", delivered.lastStatus());
        List<WebhookReceiver.Request> requests = receiver.receivedFor(id);
        assertEquals(List.of(503, 503, 503, 204), requests.stream().map(WebhookReceiver.Request::answered).toList());
        Webhook school = new Webhook(receiver.secret());
        String body = requests.get(0).body();
        for (WebhookReceiver.Request request : requests) {
            // the same message every time, signed anew at each attempt's own time
            assertEquals(body, request.body());
            long timestamp = Long.parseLong(request.header("webhook-timestamp"));
            assertEquals(school.sign(id, timestamp, body), request.header("webhook-signature"));
        }
        assertEquals("alert.overdue", json.readTree(body).get("type").asString());
        long deliveredAt = Long.parseLong(requests.get(3).header("webhook-timestamp"));
        assertTrue(deliveredAt - start.getEpochSecond() >= Duration.ofHours(1).toSeconds());
    }

    @Test
    void givenTheSameAlertQueuedTwiceThenItIsDeliveredOnce() {
        Alert alert = alert(WEBHOOK_SCHOOL, false);

        assertTrue(outbox.enqueue(alert));
        CLOCK.moveTo(Instant.now().plus(Duration.ofMinutes(5)));
        assertFalse(outbox.enqueue(alert));

        assertEquals(1, jdbc.queryForObject("SELECT count(*) FROM webhook_outbox WHERE school_id = ? AND alert_key LIKE ?",
                Integer.class, WEBHOOK_SCHOOL, alert.key() + ":%"));
        String id = outboxId(alert);
        eventually(() -> assertNotNull(row(id).deliveredAt()));
        assertEquals(1, receivedAbout(alert).size());
    }

    @Test
    void givenAnAlertSourceThenEachAlertIsQueuedOnceWhileDueAndOnceMoreWhenOverdue() {
        Alert due = alert(WEBHOOK_SCHOOL, false);
        Alert overdue = new Alert(due.key(), due.incidentId(), due.schoolId(), due.category(), due.due(), due.dueAt(), true);
        List<String> asked = new ArrayList<>();
        List<Alert> current = new ArrayList<>(List.of(due));
        AlertSource source = (school, now) -> {
            asked.add(school);
            return List.copyOf(current);
        };

        assertEquals(1, dispatcher.enqueueCurrent(source));
        assertEquals(0, dispatcher.enqueueCurrent(source));
        current.set(0, overdue);
        assertEquals(1, dispatcher.enqueueCurrent(source));
        assertEquals(0, dispatcher.enqueueCurrent(source));

        // only the school with a webhook is asked
        assertEquals(Set.of(WEBHOOK_SCHOOL), Set.copyOf(asked));
        eventually(() -> assertEquals(2, receivedAbout(due).size()));
        assertEquals(List.of("alert.due", "alert.overdue"), receivedAbout(due).stream()
                .map(request -> json.readTree(request.body()).get("type").asString()).sorted().toList());
    }

    @Test
    void givenAGroomingIncidentReportedAtASchoolWithAWebhookThenItsDutiesArrivePostedAndSigned() {
        TestIncident incident = incident(WEBHOOK_SCHOOL);
        stream.send(incident.reported(TestIncident.GROOMING, TestIncident.pupil(TestIncident.uniqueReference())));
        awaitProjected(incident, 0);

        // the scheduled dispatcher queues the read models' alerts and sends them, without being asked
        eventually(() -> assertEquals(Set.of("ESCALATION", "POLICE_REFERRAL", "PARENT_CONTACT"),
                receiver.received().stream().map(request -> json.readTree(request.body()).get("data"))
                        .filter(data -> data.get("incidentId").asString().equals(incident.id().toString()))
                        .map(data -> data.get("due").asString()).collect(java.util.stream.Collectors.toSet())));
        receiver.received().stream().filter(request -> request.body().contains(incident.id().toString()))
                .forEach(request -> {
                    assertDoesNotThrow(() -> new Webhook(receiver.secret()).verify(request.body(), request.headers()));
                    assertFalse(request.body().contains("Messages sent"));
                    assertEquals(DATA, fieldNames(json.readTree(request.body()).get("data")));
                });
    }

    @Test
    void givenAnAllegationAgainstStaffThenNothingOfItGoesToTheSchoolsWebhook() {
        TestIncident allegation = incident(WEBHOOK_SCHOOL);
        TestIncident ordinary = incident(WEBHOOK_SCHOOL);
        stream.send(allegation.reported(TestIncident.CYBERBULLYING, TestIncident.staff("S-" + TestIncident.uniqueReference())));
        stream.send(ordinary.reported(TestIncident.GROOMING, TestIncident.pupil(TestIncident.uniqueReference())));
        awaitProjected(allegation, 0);
        awaitProjected(ordinary, 0);

        dispatcher.enqueueCurrent(alerts);

        assertEquals(0, jdbc.queryForObject("SELECT count(*) FROM webhook_outbox WHERE alert_key LIKE ?",
                Integer.class, allegation.id() + "%"));
        assertTrue(jdbc.queryForObject("SELECT count(*) FROM webhook_outbox WHERE alert_key LIKE ?",
                Integer.class, ordinary.id() + "%") > 0);
    }

    @Test
    void givenASchoolWithoutAWebhookThenNothingIsQueued() {
        Alert alert = alert("SCH-A", true);

        assertFalse(outbox.enqueue(alert));

        assertEquals(0, jdbc.queryForObject("SELECT count(*) FROM webhook_outbox WHERE alert_key LIKE ?",
                Integer.class, alert.key() + ":%"));
        // an alert source's answer for another school than the one asked is not queued either
        assertEquals(0, dispatcher.enqueueCurrent((school, now) -> List.of(alert)));
        assertEquals(0, jdbc.queryForObject("SELECT count(*) FROM webhook_outbox WHERE alert_key LIKE ?",
                Integer.class, alert.key() + ":%"));
    }

    private static Alert alert(String schoolId, boolean overdue) {
        UUID incidentId = UUID.randomUUID();
        return new Alert(incidentId + "/DSL_ESCALATION", incidentId, schoolId, "CP-NEGLECT", "DSL_ESCALATION",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(overdue ? -1 : 20)), overdue);
    }

    private String outboxId(Alert alert) {
        return jdbc.queryForObject("SELECT id FROM webhook_outbox WHERE school_id = ? AND alert_key = ?", String.class,
                alert.schoolId(), WebhookOutbox.alertKey(alert));
    }

    private OutboxRow row(String id) {
        return jdbc.queryForObject("""
                SELECT id, attempts, last_attempt_at, next_attempt_at, delivered_at, last_status
                FROM webhook_outbox WHERE id = ?""", (rs, n) -> new OutboxRow(rs.getString("id"), rs.getInt("attempts"),
                instant(rs.getObject("last_attempt_at", OffsetDateTime.class)),
                instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                instant(rs.getObject("delivered_at", OffsetDateTime.class)), rs.getString("last_status")), id);
    }

    /** The message once its {@code attempt}-th attempt has ended. */
    private OutboxRow attempted(String id, int attempt) {
        return eventually(() -> row(id), row -> row.attempts() == attempt && row.lastStatus() != null);
    }

    private List<WebhookReceiver.Request> receivedAbout(Alert alert) {
        return receiver.received().stream().filter(request -> request.body().contains(alert.incidentId().toString()))
                .toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        return Set.copyOf(node.propertyNames());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
