-- The read log: one row for every read of case data on either service, allowed or refused (PRIVACY.md
-- section 5, implication 9). Identifiers only, never content: who (user, role, school, trust), when, what
-- (action, incident, person) and the outcome with its HTTP status. The person read about is named by their
-- subject id and by their reference sealed with their own key (Base64 of a Tink AES-256-GCM ciphertext):
-- erasing the person destroys the key, so the reference becomes unreadable here too while the entry stays.
CREATE TABLE access_log (
    id                BIGSERIAL   NOT NULL PRIMARY KEY,
    at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    service           TEXT        NOT NULL,
    user_id           TEXT        NOT NULL,
    role              TEXT        NOT NULL,
    -- the school the request named (schoolId), else the user's, else the one whose index knew the reference
    school_id         TEXT,
    -- the user's trust, or their school's: whose auditors and data protection officer read the entry
    trust_id          TEXT,
    action            TEXT        NOT NULL,
    incident_id       UUID,
    subject_id        UUID,
    subject_reference TEXT,
    outcome           TEXT        NOT NULL CHECK (outcome IN ('ALLOWED', 'REFUSED', 'FAILED')),
    status            INTEGER     NOT NULL,
    CONSTRAINT access_log_reference_of_a_subject CHECK (subject_reference IS NULL OR subject_id IS NOT NULL)
);

CREATE INDEX access_log_by_trust ON access_log (trust_id, at DESC, id DESC);
CREATE INDEX access_log_by_incident ON access_log (incident_id, at DESC) WHERE incident_id IS NOT NULL;
CREATE INDEX access_log_by_subject ON access_log (subject_id, at DESC) WHERE subject_id IS NOT NULL;
CREATE INDEX access_log_by_user ON access_log (user_id, at DESC);

-- Append-only: an entry once written is never changed or removed, whoever asks. TRUNCATE fires no
-- row trigger, hence the statement trigger. Owners and superusers could still drop the triggers: in
-- production the services connect as a role that does not own this table and is granted SELECT and
-- INSERT only (with USAGE on access_log_id_seq).
CREATE FUNCTION access_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'access_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER access_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();

CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_is_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC;
