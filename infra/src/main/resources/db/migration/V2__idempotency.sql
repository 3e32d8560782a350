-- The first answer to each (user, Idempotency-Key) of the write side. It is inserted in the same
-- transaction as the events it answers for, so a retried request is applied exactly once.
CREATE TABLE idempotency_record (
    principal       VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    response_status INTEGER      NOT NULL,
    response_body   TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idempotency_key)
);
