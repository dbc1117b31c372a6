-- The case timeline: every event of an incident as an entry a DSL can read. The summary is built
-- from coded fields only; the event's free text (reason, note, rationale) and any subject reference
-- are kept apart in nullable columns, so that erasing personal data nulls them and nothing else.
CREATE TABLE timeline_entry (
    incident_id       UUID         NOT NULL,
    sequence          BIGINT       NOT NULL,
    event_id          UUID         NOT NULL,
    event_type        VARCHAR(64)  NOT NULL,
    at                TIMESTAMPTZ  NOT NULL,
    actor_user_id     VARCHAR(128) NOT NULL,
    actor_role        VARCHAR(16)  NOT NULL,
    summary           TEXT         NOT NULL,
    detail            TEXT,
    subject_reference VARCHAR(128),
    PRIMARY KEY (incident_id, sequence)
);
