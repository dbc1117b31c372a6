-- Allegations against staff are read only by the head teacher and auditors (R12). The statistics shown
-- to anyone else who may not read them (a DSL) leave them out entirely, so that no figure differs from
-- what that reader's own incident log shows and none can be recovered by taking one from the other.
-- Each counter and each incident's row therefore say whether they are an allegation against staff.
ALTER TABLE statistics_incident ADD COLUMN staff_allegation BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE statistics_incident s SET staff_allegation = TRUE
FROM incident_log l
WHERE l.incident_id = s.incident_id AND l.allegation_against_staff;

ALTER TABLE statistics_count ADD COLUMN staff_allegation BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE statistics_count DROP CONSTRAINT statistics_count_pkey;
ALTER TABLE statistics_count ADD PRIMARY KEY (school_id, period, recorded_in, staff_allegation, dimension, parent, item);

-- Counters from before this migration count allegations against staff together with everything else,
-- and cannot be split here (the months of an incident's later changes are not kept per incident). The
-- schools where that happened are listed; their statistics are refused to readers who may not read
-- allegations against staff until a projection rebuild, whose new generation starts with this table empty.
CREATE TABLE statistics_unsplit_school (
    school_id VARCHAR(64) NOT NULL PRIMARY KEY
);
INSERT INTO statistics_unsplit_school (school_id)
SELECT DISTINCT school_id FROM statistics_incident WHERE staff_allegation;
