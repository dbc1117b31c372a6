-- The incident log: one row per incident, as it stands after its latest applied event.
-- Whether an incident is overdue is not stored: it depends on the time of the read (R18).
CREATE TABLE incident_log (
    incident_id              UUID         NOT NULL PRIMARY KEY,
    school_id                VARCHAR(64)  NOT NULL,
    category_code            VARCHAR(64)  NOT NULL,
    category_name            TEXT         NOT NULL,
    classification           VARCHAR(16)  NOT NULL,
    status                   VARCHAR(8)   NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    occurred_at              TIMESTAMPTZ  NOT NULL,
    reported_at              TIMESTAMPTZ  NOT NULL,
    reported_by_role         VARCHAR(16)  NOT NULL,
    escalated_at             TIMESTAMPTZ,
    escalated_to             VARCHAR(16),
    police_referred          BOOLEAN      NOT NULL DEFAULT FALSE,
    police_referred_at       TIMESTAMPTZ,
    referred_at              TIMESTAMPTZ,
    closed_at                TIMESTAMPTZ,
    outcome                  VARCHAR(32),
    subject_count            INTEGER      NOT NULL,
    off_site                 BOOLEAN      NOT NULL,
    allegation_against_staff BOOLEAN      NOT NULL,
    reclassified             BOOLEAN      NOT NULL DEFAULT FALSE,
    sanction_count           INTEGER      NOT NULL DEFAULT 0,
    source_system            VARCHAR(64),
    version                  BIGINT       NOT NULL,
    last_event_at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX incident_log_school_reported ON incident_log (school_id, reported_at DESC, incident_id);
CREATE INDEX incident_log_school_occurred ON incident_log (school_id, occurred_at);
