package org.safecase.query.alert;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * The body a school's webhook receives for an alert, in the Standard Webhooks shape ({@code type}, {@code timestamp},
 * {@code data}): content-free, identifiers and codes only. Names, narrative and subject references stay in
 * Safecase; the receiver looks the incident up through the API with its own credentials.
 */
@JsonPropertyOrder({"type", "timestamp", "data"})
record AlertWebhookPayload(String type, String timestamp, Data data) {

    static final String DUE = "alert.due";
    static final String OVERDUE = "alert.overdue";

    @JsonPropertyOrder({"incidentId", "schoolId", "category", "due", "dueAt", "overdue"})
    record Data(String incidentId, String schoolId, String category, String due, String dueAt, boolean overdue) {
    }

    static AlertWebhookPayload of(Alert alert, Instant queuedAt) {
        return new AlertWebhookPayload(alert.overdue() ? OVERDUE : DUE, queuedAt.toString(),
                new Data(alert.incidentId().toString(), alert.schoolId(), alert.category(), alert.due(),
                        alert.dueAt() == null ? null : alert.dueAt().toString(), alert.overdue()));
    }
}
