-- Idempotent creation: a retried report (same Idempotency-Key, or same source system and reference)
-- finds the incident created the first time. Written in the same transaction as the incident's first
-- event, so a key never points at an incident that was refused.
CREATE TABLE incident_creation_key (
    school_id   VARCHAR(64)  NOT NULL,
    key_kind    VARCHAR(16)  NOT NULL CHECK (key_kind IN ('IDEMPOTENCY', 'SOURCE')),
    key_value   VARCHAR(512) NOT NULL,
    incident_id UUID         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (school_id, key_kind, key_value)
);
CREATE INDEX incident_creation_key_incident ON incident_creation_key (incident_id);
