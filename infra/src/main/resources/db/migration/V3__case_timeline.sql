-- Read side, case plane: one row per case and one per recorded event, rebuilt from the event store
-- by the case-timeline processor.
CREATE TABLE case_file (
    case_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    organisation VARCHAR(200) NOT NULL,
    municipality CHAR(5)      NOT NULL,
    age_band     VARCHAR(8),
    opened_at    TIMESTAMPTZ  NOT NULL,
    opened_by    VARCHAR(200) NOT NULL,
    personal     JSONB        NOT NULL,
    closed       BOOLEAN      NOT NULL DEFAULT FALSE,
    last_sequence BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE case_timeline_entry (
    case_id       VARCHAR(36)  NOT NULL,
    sequence      BIGINT       NOT NULL,
    event_id      VARCHAR(64)  NOT NULL,
    kind          VARCHAR(80)  NOT NULL,
    occurred_on   DATE         NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    recorded_by   VARCHAR(200) NOT NULL,
    organisation  VARCHAR(200) NOT NULL,
    profession    VARCHAR(80),
    municipality  CHAR(5)      NOT NULL,
    fields        JSONB        NOT NULL,
    personal      JSONB        NOT NULL,
    PRIMARY KEY (case_id, sequence)
);

CREATE INDEX case_timeline_entry_order_idx ON case_timeline_entry (case_id, occurred_on, sequence);
