package org.safecase.query.alert;

/** A queued webhook message claimed for its {@code attempt}-th attempt (from 1): its id is the webhook-id. */
record OutboxMessage(String id, String schoolId, String payload, int attempt) {
}
