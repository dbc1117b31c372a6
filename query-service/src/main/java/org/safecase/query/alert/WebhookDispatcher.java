package org.safecase.query.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code safecase.webhooks.interval}: queues the alerts open now for each school with a webhook, then sends
 * the messages that are due. A message is retried with back-off (doubling, capped) until the receiver answers
 * 2xx, however long that takes: nothing is dropped. Logs carry message and school ids only.
 */
@Component
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookProperties properties;
    private final WebhookOutbox outbox;
    private final WebhookDelivery delivery;
    private final AlertSource alerts;
    private final Clock clock;

    WebhookDispatcher(WebhookProperties properties, WebhookOutbox outbox, WebhookDelivery delivery,
                      AlertSource alerts, Clock clock) {
        this.properties = properties;
        this.outbox = outbox;
        this.delivery = delivery;
        this.alerts = alerts;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${safecase.webhooks.interval:5s}", initialDelayString = "${safecase.webhooks.interval:5s}")
    void dispatch() {
        if (properties.schools().isEmpty()) {
            return;
        }
        enqueueCurrent(alerts);
        deliverDue();
    }

    /** Queues every school's current alerts; those queued before change nothing. The number newly queued. */
    int enqueueCurrent(AlertSource source) {
        Instant now = clock.instant();
        int queued = 0;
        for (String school : properties.schoolIds()) {
            try {
                for (Alert alert : source.current(school, now)) {
                    if (school.equals(alert.schoolId()) && outbox.enqueue(alert)) {
                        queued++;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("alerts of school {} could not be read now ({}); trying again at the next run", school,
                        e.getClass().getSimpleName());
            }
        }
        return queued;
    }

    /**
     * Sends the messages due now, at most {@code batch-size}. After a failed attempt the rest of that school's
     * messages wait for the next run, so a receiver that is down costs one attempt (one timeout at most) per run.
     * The number of attempts made.
     */
    int deliverDue() {
        Set<String> reachable = new LinkedHashSet<>(properties.schoolIds());
        int attempts = 0;
        while (attempts < properties.batchSize() && !reachable.isEmpty()) {
            Optional<OutboxMessage> claimed = outbox.claimNextDue(reachable, clock.instant());
            if (claimed.isEmpty()) {
                break;
            }
            OutboxMessage message = claimed.get();
            attempts++;
            WebhookDelivery.Outcome outcome;
            try {
                outcome = delivery.attempt(message);
            } catch (InterruptedException e) {
                // shutting down: the claimed message is due again at its retry time
                Thread.currentThread().interrupt();
                return attempts;
            }
            if (outcome.delivered()) {
                outbox.delivered(message, outcome.status(), clock.instant());
                log.info("webhook {} for school {} delivered ({}) at attempt {}", message.id(), message.schoolId(),
                        outcome.status(), message.attempt());
            } else {
                outbox.failed(message, outcome.status());
                reachable.remove(message.schoolId());
                log.warn("webhook {} for school {} not delivered ({}) at attempt {}; retrying in {}", message.id(),
                        message.schoolId(), outcome.status(), message.attempt(),
                        properties.backoffAfter(message.attempt()));
            }
        }
        return attempts;
    }
}
