-- Governor statistics (R21, R27): anonymised counts. No names, subject references, free text or
-- identifiers of people are stored here, so erasing personal fields (crypto-shredding) never needs to
-- touch these tables.

-- Counters, changed only by atomic increments (INSERT ... ON CONFLICT DO UPDATE SET count = count + n):
-- several query-service instances apply events at once. A change is filed under the month the incident
-- was reported (period) and the month the change was recorded (recorded_in), so that figures can be
-- read as they stood at the end of a month: they then stay the same for a whole month, and watching
-- them cannot tell when the next incident was recorded. A row may hold a negative change (a
-- reclassification or a reopening takes one away); only sums are ever read.
CREATE TABLE statistics_count (
    school_id   VARCHAR(64) NOT NULL,
    -- the calendar month (Europe/London) the incident was reported, as its first day
    period      DATE        NOT NULL,
    -- the calendar month the change was recorded, as its first day
    recorded_in DATE        NOT NULL,
    -- INCIDENTS, CLASSIFICATION, CATEGORY, SUBJECT_TYPE, OUTCOME, REFERRAL
    dimension   VARCHAR(16) NOT NULL,
    -- the classification a CATEGORY belongs to ('' for the other dimensions)
    parent      VARCHAR(32) NOT NULL DEFAULT '',
    -- the classification, category code, subject type, outcome or referral target ('' for INCIDENTS)
    item        VARCHAR(64) NOT NULL,
    count       BIGINT      NOT NULL,
    PRIMARY KEY (school_id, period, recorded_in, dimension, parent, item)
);

-- Bookkeeping, one row per incident: what its counters were last moved by (to take the right one
-- away on reclassification or reopening, and to count each referral target once), and the time from
-- report to first escalation for the median. Internal: never published, and no row of it is; the
-- incident id only ties later events to the row.
CREATE TABLE statistics_incident (
    incident_id           UUID        NOT NULL PRIMARY KEY,
    school_id             VARCHAR(64) NOT NULL,
    period                DATE        NOT NULL,
    reported_at           TIMESTAMPTZ NOT NULL,
    classification        VARCHAR(32) NOT NULL,
    category              VARCHAR(64) NOT NULL,
    outcome               VARCHAR(32),
    seconds_to_escalation BIGINT,
    escalated_in          DATE,
    referred_to           VARCHAR(32)[] NOT NULL DEFAULT '{}'
);

CREATE INDEX statistics_incident_escalation ON statistics_incident (school_id, period)
    WHERE seconds_to_escalation IS NOT NULL;
