-- The hash of the last event applied per incident: an event is applied only if its previousHash is that
-- hash (64 zeros for an incident's first event) and its own hash is the hash of its content. NULL where
-- the last event was dead-lettered without a readable hash: the next one is then taken on its word.
ALTER TABLE incident_checkpoint ADD COLUMN last_hash VARCHAR(64);
