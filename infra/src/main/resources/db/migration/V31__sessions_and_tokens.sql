-- Sessions of people logged in through the form, shared by every node of both services (Spring
-- Session JDBC's own schema, so that a node can die without logging anyone out).
CREATE TABLE spring_session (
    primary_id            CHAR(36)     NOT NULL,
    session_id            CHAR(36)     NOT NULL,
    creation_time         BIGINT       NOT NULL,
    last_access_time      BIGINT       NOT NULL,
    max_inactive_interval INT          NOT NULL,
    expiry_time           BIGINT       NOT NULL,
    principal_name        VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36)     NOT NULL,
    attribute_name     VARCHAR(200) NOT NULL,
    attribute_bytes    BYTEA        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);

-- Personal access tokens of programs: only the SHA-256 hash of the secret is kept. A revoked token
-- keeps its row (who revoked it and when) for the audit; every node looks the hash up per request,
-- so a revocation holds everywhere at once.
CREATE TABLE access_token (
    token_id     UUID          NOT NULL PRIMARY KEY,
    username     VARCHAR(200)  NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    secret_hash  BYTEA         NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    expires_at   TIMESTAMPTZ   NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ,
    revoked_by   VARCHAR(200)
);
CREATE UNIQUE INDEX access_token_secret_idx ON access_token (secret_hash);
CREATE INDEX access_token_user_idx ON access_token (username) WHERE revoked_at IS NULL;
