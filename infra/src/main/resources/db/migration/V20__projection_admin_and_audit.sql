-- Read side, operations.
--
-- Rebuild requests. Axon resets a processor's tokens only on a node that can claim every segment, and
-- several read-side nodes share the segments; so a rebuild is a row here that every node's watcher
-- reads: each node stops the processor (releasing its claims), one node resets the tokens and starts
-- it, then the others start theirs again. The database is the only thing the nodes share.
CREATE TABLE projection_rebuild (
    rebuild_id       BIGSERIAL     NOT NULL PRIMARY KEY,
    processor        VARCHAR(255)  NOT NULL,
    -- RELEASING: nodes are stopping the processor; REPLAYING: the tokens were reset and the processor
    -- replays the log; DONE: it reached the head of the log as it was at the reset; FAILED: see detail
    status           VARCHAR(16)   NOT NULL,
    requested_by     VARCHAR(200)  NOT NULL,
    requested_node   VARCHAR(255)  NOT NULL,
    requested_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    -- segments still claimed by another node after this are given up on: the request fails
    release_deadline TIMESTAMPTZ   NOT NULL,
    reset_node       VARCHAR(255),
    reset_at         TIMESTAMPTZ,
    head_at_reset    BIGINT,
    finished_at      TIMESTAMPTZ,
    detail           VARCHAR(2000),
    CHECK (status IN ('RELEASING', 'REPLAYING', 'DONE', 'FAILED'))
);

-- one rebuild at a time per processor: a second request meets this index and is answered 409
CREATE UNIQUE INDEX projection_rebuild_active_idx ON projection_rebuild (processor)
    WHERE status IN ('RELEASING', 'REPLAYING');
CREATE INDEX projection_rebuild_latest_idx ON projection_rebuild (processor, rebuild_id);

-- Audit: a hash chain over the event log, appended by the audit-chain processor in the order it is
-- delivered the events (one segment). Each entry keeps the SHA-256 of the event's stored row (every
-- column, bytes as stored) and chains it to the entry before, so that GET /api/audit/verify can tell
-- an altered or removed event row, and an edited chain, from the rows as they are now. Hashes are
-- lower-case hex.
CREATE TABLE audit_chain (
    chain_position   BIGINT        NOT NULL PRIMARY KEY,
    global_index     BIGINT        NOT NULL,
    event_identifier VARCHAR(255)  NOT NULL,
    row_hash         CHAR(64)      NOT NULL,
    -- SHA-256(chain_hash of the entry before, or 32 zero bytes for the first || row_hash), as bytes
    chain_hash       CHAR(64)      NOT NULL,
    chained_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT audit_chain_global_index_key UNIQUE (global_index),
    CONSTRAINT audit_chain_event_identifier_key UNIQUE (event_identifier)
);
