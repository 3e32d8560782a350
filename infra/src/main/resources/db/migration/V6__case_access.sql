-- Case plane, read side: which organisations may see a case, whether it was erased, and who read
-- what on which basis (the access log that auditors read).
ALTER TABLE case_file ADD COLUMN erased BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE case_organisation (
    case_id      VARCHAR(36)  NOT NULL,
    organisation VARCHAR(200) NOT NULL,
    PRIMARY KEY (case_id, organisation)
);

CREATE TABLE case_access_log (
    id           BIGSERIAL    NOT NULL PRIMARY KEY,
    accessed_at  TIMESTAMPTZ  NOT NULL,
    username     VARCHAR(200) NOT NULL,
    organisation VARCHAR(200) NOT NULL,
    role         VARCHAR(40)  NOT NULL,
    case_id      VARCHAR(36)  NOT NULL,
    action       VARCHAR(40)  NOT NULL,
    basis        VARCHAR(40)  NOT NULL,  -- ORGANISATION_INVOLVED, AUDIT, BREAK_GLASS, DENIED
    reason       VARCHAR(2000),
    flagged      BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX case_access_log_case_idx ON case_access_log (case_id, accessed_at);
CREATE INDEX case_access_log_time_idx ON case_access_log (accessed_at);
CREATE INDEX case_access_log_flagged_idx ON case_access_log (accessed_at) WHERE flagged;

CREATE TABLE break_glass_grant (
    id           BIGSERIAL     NOT NULL PRIMARY KEY,
    case_id      VARCHAR(36)   NOT NULL,
    username     VARCHAR(200)  NOT NULL,
    organisation VARCHAR(200)  NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    granted_at   TIMESTAMPTZ   NOT NULL,
    expires_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX break_glass_grant_idx ON break_glass_grant (case_id, username, expires_at);
