-- Every public key that has signed a checkpoint, recorded with the first checkpoint it signs: after a key is
-- rotated, auditors still need the retired one to check the checkpoints it signed (GET /api/v1/audit/keys).
-- Append-only, as the checkpoints themselves.
CREATE TABLE integrity_signing_key (
    key_id     VARCHAR(16) NOT NULL PRIMARY KEY,
    algorithm  VARCHAR(16) NOT NULL,
    public_key TEXT        NOT NULL,
    first_used TIMESTAMPTZ NOT NULL
);
GRANT SELECT, INSERT ON integrity_signing_key TO ${command_role};
CREATE TRIGGER integrity_signing_key_append_only BEFORE UPDATE OR DELETE ON integrity_signing_key
    FOR EACH ROW EXECUTE FUNCTION integrity_log_is_append_only();
CREATE TRIGGER integrity_signing_key_no_truncate BEFORE TRUNCATE ON integrity_signing_key
    FOR EACH STATEMENT EXECUTE FUNCTION integrity_log_is_append_only();
ALTER TABLE integrity_signing_key ENABLE ALWAYS TRIGGER integrity_signing_key_append_only;
ALTER TABLE integrity_signing_key ENABLE ALWAYS TRIGGER integrity_signing_key_no_truncate;
-- the keys of checkpoints signed before this table: known by id only until the service signs again with them
