-- An allegation against the head teacher (KCSIE part 4) is the chair of governors' and the auditors', never the head
-- teacher's: every read model filters by this flag of the incident log (see IncidentAccess.headTeacherSight).
ALTER TABLE incident_log ADD COLUMN against_head_teacher BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX incident_log_against_head_teacher ON incident_log (incident_id) WHERE against_head_teacher;
