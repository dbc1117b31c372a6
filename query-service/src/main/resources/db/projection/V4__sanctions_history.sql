-- The sanctions history: every sanction or action applied to a subject, across incidents (R14, R16).
-- Subject references are the school's own identifiers, so they are looked up within a school.
-- Whether a sanction is active depends on the day of the read, so it is not stored.
CREATE TABLE sanction (
    incident_id       UUID         NOT NULL,
    sequence          BIGINT       NOT NULL,
    school_id         VARCHAR(64)  NOT NULL,
    subject_reference VARCHAR(128),
    subject_type      VARCHAR(32),
    sanction_type     VARCHAR(32)  NOT NULL,
    starts_on         DATE         NOT NULL,
    ends_on           DATE,
    applied_at        TIMESTAMPTZ  NOT NULL,
    applied_by        VARCHAR(128) NOT NULL,
    applied_by_role   VARCHAR(16)  NOT NULL,
    PRIMARY KEY (incident_id, sequence)
);
CREATE INDEX sanction_subject ON sanction (school_id, subject_reference);
