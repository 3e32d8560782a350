-- One key per case, wrapped by the master key. Erasure sets wrapped_key to NULL (crypto-shredding):
-- the row stays so that the erasure itself is on record.
CREATE TABLE case_key (
    case_id      VARCHAR(36) NOT NULL PRIMARY KEY,
    wrapped_key  BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroyed_at TIMESTAMPTZ
);
