-- Failed password logins per user name and per client address, shared by every node of both services.
-- A few failures within the window are free; after that each failure sets a wait (blocked_until) before
-- the key's next attempt is even checked. A row is forgotten once expires_at has passed: no failure for
-- the window and no wait left.
CREATE TABLE login_throttle (
    kind          VARCHAR(10)  NOT NULL CHECK (kind IN ('name', 'address')),
    login_key     VARCHAR(300) NOT NULL,
    failures      INTEGER      NOT NULL,
    blocked_until TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (kind, login_key)
);

CREATE INDEX login_throttle_expires_at ON login_throttle (expires_at);
