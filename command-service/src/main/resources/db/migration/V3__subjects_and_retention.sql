-- Which incidents each data subject appears in, by subject id (never a reference): how an erasure or a
-- subject access request finds them. Kept by an event handler in the same transaction as the events.
CREATE TABLE subject_incident (
    subject_id  UUID        NOT NULL,
    incident_id UUID        NOT NULL,
    school_id   VARCHAR(64) NOT NULL,
    PRIMARY KEY (subject_id, incident_id)
);
CREATE INDEX subject_incident_incident ON subject_incident (incident_id);

-- What the retention rules need to know of each incident, kept by an event handler; the rules themselves
-- are data (retention/rules.json) and applied when read, so a changed rule or category moves the date.
CREATE TABLE retention_incident (
    incident_id              UUID        NOT NULL PRIMARY KEY,
    school_id                VARCHAR(64) NOT NULL,
    category_code            VARCHAR(64) NOT NULL,
    classification           VARCHAR(16) NOT NULL,
    allegation_against_staff BOOLEAN     NOT NULL,
    occurred_on              DATE        NOT NULL,
    reported_on              DATE        NOT NULL,
    closed                   BOOLEAN     NOT NULL DEFAULT FALSE,
    legal_hold               BOOLEAN     NOT NULL DEFAULT FALSE,
    disposed_on              DATE
);
CREATE INDEX retention_incident_school ON retention_incident (school_id) WHERE disposed_on IS NULL;

-- The subjects of each incident as the retention rules see them: their type and, for pupils, the date
-- of birth that starts the child-protection clock. Personal data: deleted when the subject is erased
-- or the incident disposed of.
CREATE TABLE retention_subject (
    incident_id  UUID        NOT NULL,
    subject_id   UUID        NOT NULL,
    subject_type VARCHAR(32) NOT NULL,
    born_on      DATE,
    PRIMARY KEY (incident_id, subject_id)
);
