package org.safecase.query.alert;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable outbox of outbound alerts ({@code webhook_outbox}): a message is queued once per alert state and
 * kept until delivered, whatever happens to the receiver or to this service in between.
 */
@Repository
public class WebhookOutbox {

    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transactions;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, WebhookProperties properties, JsonMapper json,
                  Clock clock) {
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Queues the alert for its school's webhook. False if the school has no webhook, or if this alert in this state
     * (due, or overdue) was queued before: a rebuild of the read models or a second instance never sends it again.
     */
    public boolean enqueue(Alert alert) {
        if (properties.school(alert.schoolId()).isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        String payload = json.writeValueAsString(AlertWebhookPayload.of(alert, now));
        return named.update("""
                INSERT INTO webhook_outbox (id, school_id, alert_key, payload, created_at, attempts, next_attempt_at)
                VALUES (:id, :school, :key, :payload, :now, 0, :now)
                ON CONFLICT (school_id, alert_key) DO NOTHING""", new MapSqlParameterSource()
                .addValue("id", "msg_" + UUID.randomUUID())
                .addValue("school", alert.schoolId())
                .addValue("key", alertKey(alert))
                .addValue("payload", payload)
                .addValue("now", timestamp(now))) == 1;
    }

    static String alertKey(Alert alert) {
        return alert.key() + ":" + (alert.overdue() ? "OVERDUE" : "DUE");
    }

    /**
     * Claims the next message of these schools that is due: counts the attempt and moves its next attempt ahead by
     * the back-off, in one short transaction, so that no other instance takes it meanwhile (SKIP LOCKED) and no
     * database transaction stays open while the receiver is called. If this instance dies mid-send, the message is
     * simply due again at that time.
     */
    Optional<OutboxMessage> claimNextDue(Collection<String> schools, Instant now) {
        return transactions.execute(status -> named.query("""
                        SELECT id, school_id, payload, attempts FROM webhook_outbox
                        WHERE delivered_at IS NULL AND next_attempt_at <= :now AND school_id IN (:schools)
                        ORDER BY next_attempt_at, id
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED""",
                new MapSqlParameterSource("now", timestamp(now)).addValue("schools", schools),
                (rs, n) -> new OutboxMessage(rs.getString("id"), rs.getString("school_id"), rs.getString("payload"),
                        rs.getInt("attempts") + 1)).stream().findFirst().map(message -> {
            named.update("""
                    UPDATE webhook_outbox SET attempts = :attempt, last_attempt_at = :now, next_attempt_at = :retryAt,
                           last_status = NULL
                    WHERE id = :id""", new MapSqlParameterSource("id", message.id())
                    .addValue("attempt", message.attempt())
                    .addValue("now", timestamp(now))
                    .addValue("retryAt", timestamp(now.plus(properties.backoffAfter(message.attempt())))));
            return message;
        }));
    }

    void delivered(OutboxMessage message, String status, Instant at) {
        named.update("UPDATE webhook_outbox SET delivered_at = :at, last_status = :status WHERE id = :id",
                new MapSqlParameterSource("id", message.id()).addValue("status", status).addValue("at", timestamp(at)));
    }

    /** Records why the attempt failed; the retry time was set when it was claimed. */
    void failed(OutboxMessage message, String status) {
        named.update("UPDATE webhook_outbox SET last_status = :status WHERE id = :id AND delivered_at IS NULL",
                new MapSqlParameterSource("id", message.id()).addValue("status", status));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
