-- Bulk import (POST /api/import). Each line's key, once per user, with the hash of the line it came with,
-- written in the same transaction as the line's events: a line sent again changes nothing, and the same
-- key with another line is refused.
CREATE TABLE import_line (
    user_name    VARCHAR(200) NOT NULL,
    line_key     VARCHAR(200) NOT NULL,
    line_hash    CHAR(64)     NOT NULL,
    case_id      VARCHAR(36)  NOT NULL,
    event_id     VARCHAR(36)  NOT NULL,
    imported_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_name, line_key)
);

-- The agencies' own case references, per organisation, as keyed pseudonyms (a reference may be personal
-- data, so it is not stored): the later lines of a case, in this import or another, find the case its
-- first line opened.
CREATE TABLE import_case (
    organisation    VARCHAR(100) NOT NULL,
    case_ref_digest VARCHAR(64)  NOT NULL,
    case_id         VARCHAR(36)  NOT NULL,
    PRIMARY KEY (organisation, case_ref_digest)
);
CREATE INDEX import_case_case_idx ON import_case (case_id);

-- Each import's progress, for GET /api/imports while a long import runs; counted per committed batch.
CREATE TABLE import_run (
    import_id    VARCHAR(36)  PRIMARY KEY,
    user_name    VARCHAR(200) NOT NULL,
    format       VARCHAR(10)  NOT NULL,
    dry_run      BOOLEAN      NOT NULL,
    state        VARCHAR(12)  NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    finished_at  TIMESTAMPTZ,
    lines        BIGINT       NOT NULL DEFAULT 0,
    accepted     BIGINT       NOT NULL DEFAULT 0,
    duplicates   BIGINT       NOT NULL DEFAULT 0,
    rejected     BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX import_run_user_idx ON import_run (user_name, started_at DESC);
