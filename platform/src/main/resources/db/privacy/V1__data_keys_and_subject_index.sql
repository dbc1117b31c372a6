-- The data keys: one per incident (its free text) and one per data subject (their fields in every
-- incident), plus the key of the subject index. Each is a Tink keyset encrypted by the key-encryption
-- key (never stored here), with the key id as associated data so a wrapped key cannot be moved to
-- another row. Destroying a key nulls its keyset and keeps the row as a tombstone, so that the same
-- key id is never created again: what it sealed stays unreadable for good.
CREATE TABLE data_key (
    key_id         VARCHAR(80) NOT NULL PRIMARY KEY,
    wrapped_keyset BYTEA,
    kek_id         VARCHAR(64),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at   TIMESTAMPTZ,
    CONSTRAINT data_key_destroyed_or_wrapped CHECK ((wrapped_keyset IS NULL) = (destroyed_at IS NOT NULL))
);

-- Which person a school's reference names, without storing the reference: a keyed hash (HMAC-SHA256,
-- its key wrapped in data_key as 'index:subjects') of the school and the reference, mapped to the
-- random subject id that names the person's data key. Erasure deletes the row: afterwards the
-- reference leads nowhere, and the same reference recorded again is a new person with a new key.
CREATE TABLE subject_index (
    school_id     VARCHAR(64) NOT NULL,
    reference_mac BYTEA       NOT NULL,
    subject_id    UUID        NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (school_id, reference_mac)
);
