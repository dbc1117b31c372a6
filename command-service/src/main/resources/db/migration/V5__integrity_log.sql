-- The integrity log: every stored event's hash in one dense, append-only order, the leaves of the Merkle
-- tree that signed checkpoints commit to. The forwarder appends an event here in the same transaction
-- that moves its token, just before publishing it, so an event's leaf index is its `position` on the topic.
CREATE TABLE integrity_leaf (
    leaf_index   BIGINT       NOT NULL PRIMARY KEY,
    global_index BIGINT       NOT NULL UNIQUE,
    event_id     VARCHAR(255) NOT NULL UNIQUE,
    hash         CHAR(64)     NOT NULL
);

-- Signed tree heads (RFC 9162 hashing, Ed25519), each over the first tree_size leaves. A new one is made
-- only when the log has grown; each provably extends the one before (consistency proofs).
CREATE TABLE integrity_checkpoint (
    tree_size BIGINT      NOT NULL PRIMARY KEY,
    root_hash CHAR(64)    NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL,
    key_id    VARCHAR(16) NOT NULL,
    signature TEXT        NOT NULL
);
