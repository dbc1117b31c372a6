-- The tables of one projection generation (schema gen_N). Flyway runs these scripts with the
-- generation's schema as its search path, so names are unqualified here; the code always qualifies.

-- How far each incident's stream has been applied in this generation, written in the same
-- transaction as the projections: a redelivered event (sequence <= last_sequence) changes nothing.
CREATE TABLE incident_checkpoint (
    incident_id   UUID        NOT NULL PRIMARY KEY,
    last_sequence BIGINT      NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Events the projector could not apply: sent to the dead-letter topic, and passed over here so that
-- the incident's later events still apply. Identifiers only: the reason never quotes the event.
CREATE TABLE dead_lettered_event (
    id              BIGSERIAL    NOT NULL PRIMARY KEY,
    event_id        UUID,
    incident_id     UUID,
    sequence        BIGINT,
    event_type      VARCHAR(100),
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    at              TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT dead_lettered_event_record UNIQUE (topic, kafka_partition, kafka_offset)
);
CREATE INDEX dead_lettered_event_incident ON dead_lettered_event (incident_id);
