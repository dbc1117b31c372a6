-- The child's file: everything that happened to or about one person across the incidents of their school,
-- keyed by the person's subject id (never their reference: a reference is looked up in the privacy
-- database's subject index, which erasure empties). Summaries are sentences of coded facts only; other
-- people appear in them by role words, never by reference.

-- Who is in which incident, with the incident's current category and routing, so that an incident's own
-- events (escalations, referrals, closure) reach the file of each person in it.
CREATE TABLE chronology_subject (
    incident_id              UUID         NOT NULL,
    subject_id               UUID         NOT NULL,
    school_id                VARCHAR(64)  NOT NULL,
    subject_type             VARCHAR(32),
    involvement              VARCHAR(32),
    category_code            VARCHAR(64),
    category_name            TEXT,
    allegation_against_staff BOOLEAN      NOT NULL,
    PRIMARY KEY (incident_id, subject_id)
);

CREATE TABLE chronology_entry (
    subject_id               UUID         NOT NULL,
    incident_id              UUID         NOT NULL,
    sequence                 BIGINT       NOT NULL,
    school_id                VARCHAR(64)  NOT NULL,
    at                       TIMESTAMPTZ  NOT NULL,
    event_type               VARCHAR(64)  NOT NULL,
    category_code            VARCHAR(64),
    category_name            TEXT,
    subject_type             VARCHAR(32),
    involvement              VARCHAR(32),
    allegation_against_staff BOOLEAN      NOT NULL,
    summary                  TEXT         NOT NULL,
    PRIMARY KEY (subject_id, incident_id, sequence)
);
CREATE INDEX chronology_entry_incident ON chronology_entry (incident_id);
