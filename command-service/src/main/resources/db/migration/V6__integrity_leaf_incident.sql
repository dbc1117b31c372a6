-- Which incident and school each leaf of the integrity log is, so that an auditor can page a trust's
-- history in the log's order (GET /api/v1/audit/events). Filled by the forwarder as it appends.
ALTER TABLE integrity_leaf ADD COLUMN incident_id UUID;
ALTER TABLE integrity_leaf ADD COLUMN sequence BIGINT;
ALTER TABLE integrity_leaf ADD COLUMN school_id VARCHAR(64);
CREATE INDEX integrity_leaf_school ON integrity_leaf (school_id, leaf_index);
