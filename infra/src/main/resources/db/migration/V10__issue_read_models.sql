-- Read side, issue plane: the issue board, the issue file (evidence, targets, plan, actuals, links) and
-- the issue timeline, rebuilt from the event store by the issue-plane processor. Never a case id, a
-- note or a person: evidence is counts by kind, month and area, dates, and opaque references.
--
-- "As known at T" (knowledge time, the event's recordedAt) is a range lookup, not a fold: a row that
-- changes is kept as versions valid over [recorded_from, recorded_to), the current one open-ended;
-- rows that never change carry recorded_at. Every table is keyed by the issue's aggregate sequence,
-- so a redelivered event finds its row already there.

-- One version per known state of an issue: what the board shows and the head of the issue file.
CREATE TABLE issue_board_version (
    issue_id         VARCHAR(36)   NOT NULL,
    last_sequence    BIGINT        NOT NULL,
    recorded_from    TIMESTAMPTZ   NOT NULL,
    recorded_to      TIMESTAMPTZ,
    title            VARCHAR(200)  NOT NULL,
    description      TEXT,
    category         VARCHAR(16)   NOT NULL,
    area_level       VARCHAR(16)   NOT NULL,
    municipality     CHAR(5),
    region           VARCHAR(64),
    -- set for an issue about a whole prefecture only
    prefecture       CHAR(2),
    population       VARCHAR(32)   NOT NULL,
    council_id       VARCHAR(100),
    state            VARCHAR(32)   NOT NULL,
    open             BOOLEAN       NOT NULL,
    origin           VARCHAR(32)   NOT NULL,
    raised_at        TIMESTAMPTZ   NOT NULL,
    signals          INTEGER       NOT NULL,
    distinct_cases   INTEGER       NOT NULL,
    first_on         DATE,
    last_on          DATE,
    -- when evidence first came in after the last decision; cleared by the next decision
    evidence_since   TIMESTAMPTZ,
    last_decision_at TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (issue_id, last_sequence),
    CHECK (recorded_to IS NULL OR recorded_to >= recorded_from)
);

-- the current board: one open-ended version per issue
CREATE UNIQUE INDEX issue_board_current_idx ON issue_board_version (issue_id) WHERE recorded_to IS NULL;
CREATE INDEX issue_board_current_council_idx ON issue_board_version (council_id) WHERE recorded_to IS NULL;
CREATE INDEX issue_board_current_region_idx ON issue_board_version (region) WHERE recorded_to IS NULL;
CREATE INDEX issue_board_current_municipality_idx ON issue_board_version (municipality) WHERE recorded_to IS NULL;
-- the board as known at T: the versions whose knowledge range contains T
CREATE INDEX issue_board_known_idx ON issue_board_version USING gist (tstzrange(recorded_from, recorded_to));
-- one issue as known at T
CREATE INDEX issue_board_issue_idx ON issue_board_version (issue_id, recorded_from);

-- Evidence counts of an issue by event kind, month and area, versioned per cell: as-of reads the
-- cells valid at T, however many batches came before.
CREATE TABLE issue_evidence_version (
    issue_id       VARCHAR(36)  NOT NULL,
    kind           VARCHAR(80)  NOT NULL,
    month          CHAR(7)      NOT NULL,
    area           VARCHAR(64)  NOT NULL,
    last_sequence  BIGINT       NOT NULL,
    recorded_from  TIMESTAMPTZ  NOT NULL,
    recorded_to    TIMESTAMPTZ,
    signals        INTEGER      NOT NULL,
    PRIMARY KEY (issue_id, kind, month, area, last_sequence),
    CHECK (recorded_to IS NULL OR recorded_to >= recorded_from)
);

CREATE UNIQUE INDEX issue_evidence_current_idx ON issue_evidence_version (issue_id, kind, month, area)
    WHERE recorded_to IS NULL;
CREATE INDEX issue_evidence_issue_idx ON issue_evidence_version (issue_id, recorded_from);

-- Fiscal-year targets; a later plan replaces the target of the same indicator and year.
CREATE TABLE issue_target_version (
    issue_id       VARCHAR(36)   NOT NULL,
    indicator      VARCHAR(80)   NOT NULL,
    fiscal_year    INTEGER       NOT NULL,
    last_sequence  BIGINT        NOT NULL,
    recorded_from  TIMESTAMPTZ   NOT NULL,
    recorded_to    TIMESTAMPTZ,
    unit           VARCHAR(40),
    direction      VARCHAR(16)   NOT NULL,
    baseline       NUMERIC       NOT NULL,
    target         NUMERIC       NOT NULL,
    PRIMARY KEY (issue_id, indicator, fiscal_year, last_sequence),
    CHECK (recorded_to IS NULL OR recorded_to >= recorded_from)
);

CREATE UNIQUE INDEX issue_target_current_idx ON issue_target_version (issue_id, indicator, fiscal_year)
    WHERE recorded_to IS NULL;
CREATE INDEX issue_target_issue_idx ON issue_target_version (issue_id, recorded_from);

-- Each plan's roles and milestones; the issue file shows the latest plan known at T.
CREATE TABLE issue_plan (
    issue_id    VARCHAR(36)  NOT NULL,
    sequence    BIGINT       NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    planned_on  DATE         NOT NULL,
    roles       JSONB        NOT NULL,
    milestones  JSONB        NOT NULL,
    PRIMARY KEY (issue_id, sequence)
);

CREATE INDEX issue_plan_known_idx ON issue_plan (issue_id, recorded_at);

CREATE TABLE issue_actual (
    issue_id    VARCHAR(36)  NOT NULL,
    sequence    BIGINT       NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    at          DATE         NOT NULL,
    indicator   VARCHAR(80)  NOT NULL,
    fiscal_year INTEGER      NOT NULL,
    value       NUMERIC      NOT NULL,
    source      VARCHAR(32)  NOT NULL,
    PRIMARY KEY (issue_id, sequence)
);

-- Links between issues, each end written from its own issue's event: ESCALATED_TO, ESCALATED_FROM,
-- MERGED_INTO, TOOK_IN.
CREATE TABLE issue_link (
    issue_id       VARCHAR(36)  NOT NULL,
    sequence       BIGINT       NOT NULL,
    relation       VARCHAR(32)  NOT NULL,
    other_issue_id VARCHAR(36)  NOT NULL,
    council_id     VARCHAR(100),
    at             DATE         NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (issue_id, sequence)
);

-- Every evidence batch and every decision of an issue, in the issue's order.
CREATE TABLE issue_timeline_entry (
    issue_id       VARCHAR(36)   NOT NULL,
    sequence       BIGINT        NOT NULL,
    type           VARCHAR(64)   NOT NULL,
    at             DATE          NOT NULL,
    recorded_at    TIMESTAMPTZ   NOT NULL,
    decided_at     TIMESTAMPTZ   NOT NULL,
    actor_user     VARCHAR(200)  NOT NULL,
    actor_org      VARCHAR(200),
    actor_role     VARCHAR(40),
    state          VARCHAR(32)   NOT NULL,
    reason         TEXT,
    meeting        JSONB,
    other_issue_id VARCHAR(36),
    relation       VARCHAR(32),
    details        JSONB         NOT NULL,
    PRIMARY KEY (issue_id, sequence)
);

CREATE INDEX issue_timeline_known_idx ON issue_timeline_entry (issue_id, recorded_at);
