-- A retry key (Idempotency-Key, or source system and reference) finds the first incident only for the
-- same request: the SHA-256 of the canonical request body and the reporting user's school, stored with
-- the key. A key reused with another body is refused and names no incident. Keys claimed before this
-- migration have no fingerprint: a retry with them is answered as before (to its reporter, or to a user
-- who may read the incident).
ALTER TABLE incident_creation_key
    ADD COLUMN request_fingerprint BYTEA CHECK (octet_length(request_fingerprint) = 32);
