-- Each checkpoint keeps its tree in compact form: the roots of the perfect subtrees its leaves fall into, one
-- 32-byte SHA-256 hash per binary digit 1 of its size, largest first (MerkleTree.Frontier). The next checkpoint
-- extends it by the leaves appended since, instead of hashing the whole log again (which grew without bound
-- and, at millions of events, no longer fitted the service's heap). Checkpoints signed before this column have
-- none: the next one hashes the log from its first leaf once.
ALTER TABLE integrity_checkpoint ADD COLUMN frontier BYTEA;
