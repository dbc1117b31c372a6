-- What needs a designated lead now (R18): each duty an incident owes (escalation, a police referral or decision,
-- the LADO's decision, telling parents, an action), when it became due, by when, and when it was met. Content-free
-- but for an action's title, which is the incident's free text (opened as the timeline's details are) and goes
-- with the incident at disposal. Whether a duty is overdue is not stored: it depends on the time of the read.
CREATE TABLE duty_incident (
    incident_id              UUID         NOT NULL PRIMARY KEY,
    school_id                VARCHAR(64)  NOT NULL,
    category_code            VARCHAR(64)  NOT NULL,
    allegation_against_staff BOOLEAN      NOT NULL,
    open                     BOOLEAN      NOT NULL
);

CREATE TABLE duty (
    incident_id              UUID         NOT NULL REFERENCES duty_incident (incident_id) ON DELETE CASCADE,
    duty_key                 VARCHAR(80)  NOT NULL,
    due                      VARCHAR(40)  NOT NULL,
    since                    TIMESTAMPTZ  NOT NULL,
    due_at                   TIMESTAMPTZ  NOT NULL,
    met_at                   TIMESTAMPTZ,
    PRIMARY KEY (incident_id, duty_key)
);
CREATE INDEX duty_unmet ON duty (due_at) WHERE met_at IS NULL;

CREATE TABLE incident_action (
    action_id                UUID         NOT NULL PRIMARY KEY,
    incident_id              UUID         NOT NULL REFERENCES duty_incident (incident_id) ON DELETE CASCADE,
    title                    TEXT,
    owner                    VARCHAR(128) NOT NULL,
    due_on                   DATE         NOT NULL,
    assigned_at              TIMESTAMPTZ  NOT NULL,
    assigned_by              VARCHAR(128) NOT NULL,
    completed_at             TIMESTAMPTZ,
    completion_note          TEXT
);
CREATE INDEX incident_action_owner ON incident_action (owner, due_on);
