-- Outbound alerts (package org.safecase.query.alert): every alert a school's webhook is to receive, kept from
-- the moment it is queued until it is delivered, and after, so that the same alert state is never queued twice
-- (a projection rebuild, a restart or a second instance re-reading the same alerts changes nothing).
-- Owned by the query service's own login, which runs these migrations, so it needs no grant.
CREATE TABLE webhook_outbox (
    -- the webhook-id header (msg_<uuid>): the same on every attempt, so receivers can drop repeats
    id              VARCHAR(64) NOT NULL PRIMARY KEY,
    school_id       VARCHAR(64) NOT NULL,
    -- the alert's key and its state (DUE or OVERDUE): a duty that becomes overdue is a second delivery
    alert_key       TEXT        NOT NULL,
    -- the exact JSON sent on every attempt: identifiers and codes only, never names or narrative
    payload         TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    -- when the next attempt is due; an attempt moves it ahead by the back-off before it sends, so a second
    -- instance does not send the same message meanwhile, and a crash mid-send only delays the retry
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    -- the last attempt's HTTP status, or the class of the error that prevented one, never the response body;
    -- NULL while an attempt is under way (or if the instance making it stopped before it ended)
    last_status     VARCHAR(64),
    CONSTRAINT webhook_outbox_once_per_alert_state UNIQUE (school_id, alert_key)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE delivered_at IS NULL;
