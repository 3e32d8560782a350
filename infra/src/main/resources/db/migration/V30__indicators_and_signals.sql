-- Read side, analytics: the indicator projection's facts and the signal projection that what-if
-- replays read. Both are rebuilt from the event store by their processors.
--
-- Indicator facts are signed deltas of counts, each with the business month it counts for and the
-- knowledge time from which it holds ("effective_at"): a recorded event's recording time, or for an
-- absence (no discharge within N days, no support within 30 days) the later of that and the start of
-- the day its window closes. "As known at T" is the sum of the deltas effective at or before T. The
-- same delta is kept three times: by itself (for the day of T, to the microsecond), summed by
-- effective day (for the rest of T's month) and summed by effective month (before T's month), so a
-- query reads a bounded number of rows however long the history is.

CREATE TABLE indicator_fact_event (
    -- a name-based id of (event, measure, part, subject): a redelivered event finds its deltas here
    delta_id      CHAR(36)     NOT NULL PRIMARY KEY,
    measure       VARCHAR(64)  NOT NULL,
    part          VARCHAR(96)  NOT NULL,
    municipality  CHAR(5)      NOT NULL,
    fiscal_year   INTEGER      NOT NULL,
    -- the business month the delta counts for (first day of the month)
    month         DATE         NOT NULL,
    effective_at  TIMESTAMPTZ  NOT NULL,
    delta         INTEGER      NOT NULL
);
CREATE INDEX indicator_fact_event_known_idx ON indicator_fact_event (measure, fiscal_year, municipality, effective_at);

CREATE TABLE indicator_fact_day (
    measure        VARCHAR(64)  NOT NULL,
    fiscal_year    INTEGER      NOT NULL,
    municipality   CHAR(5)      NOT NULL,
    -- the day in Japan of effective_at
    effective_day  DATE         NOT NULL,
    part           VARCHAR(96)  NOT NULL,
    month          DATE         NOT NULL,
    value          BIGINT       NOT NULL,
    PRIMARY KEY (measure, fiscal_year, municipality, effective_day, part, month)
);

CREATE TABLE indicator_fact_month (
    measure          VARCHAR(64)  NOT NULL,
    fiscal_year      INTEGER      NOT NULL,
    municipality     CHAR(5)      NOT NULL,
    -- the first day of the month in Japan of effective_at
    effective_month  DATE         NOT NULL,
    part             VARCHAR(96)  NOT NULL,
    month            DATE         NOT NULL,
    value            BIGINT       NOT NULL,
    PRIMARY KEY (measure, fiscal_year, municipality, effective_month, part, month)
);

-- Case plane, per case (one segment sees all of a case's events, in order): what the indicators
-- that join events of a case need. Never served by an endpoint.
CREATE TABLE indicator_admission (
    event_id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    case_id             VARCHAR(36)  NOT NULL,
    admitted_on         DATE         NOT NULL,
    admission_type      VARCHAR(40),
    municipality        CHAR(5)      NOT NULL,
    recorded_at         TIMESTAMPTZ  NOT NULL,
    discharge_event_id  VARCHAR(64)
);
CREATE INDEX indicator_admission_case_idx ON indicator_admission (case_id, admitted_on);

CREATE TABLE indicator_discharge (
    event_id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    case_id               VARCHAR(36)  NOT NULL,
    discharged_on         DATE         NOT NULL,
    municipality          CHAR(5)      NOT NULL,
    recorded_at           TIMESTAMPTZ  NOT NULL,
    destination           VARCHAR(40),
    admission_event_id    VARCHAR(64),
    admitted_on           DATE,
    -- after an INVOLUNTARY or EMERGENCY_INVOLUNTARY admission
    involuntary           BOOLEAN      NOT NULL,
    long_stay             BOOLEAN      NOT NULL,
    -- a PostDischargeSupportStarted dated within 30 days is known
    supported             BOOLEAN      NOT NULL,
    -- when "without support within 30 days" starts to hold, if no support comes before
    without_effective_at  TIMESTAMPTZ
);
CREATE INDEX indicator_discharge_case_idx ON indicator_discharge (case_id, discharged_on);

-- Events a later event of the case is judged against: support starts, long-stay listings, outreach visits.
CREATE TABLE indicator_case_event (
    event_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    case_id      VARCHAR(36)  NOT NULL,
    kind         VARCHAR(80)  NOT NULL,
    occurred_on  DATE         NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX indicator_case_event_case_idx ON indicator_case_event (case_id, kind, occurred_on);

-- Persons counted once per fiscal year and municipality (outreach cases, long-stay listings, ...).
CREATE TABLE indicator_case_mark (
    case_id       VARCHAR(36)  NOT NULL,
    mark          VARCHAR(64)  NOT NULL,
    fiscal_year   INTEGER      NOT NULL,
    municipality  CHAR(5)      NOT NULL,
    PRIMARY KEY (case_id, mark, fiscal_year, municipality)
);

-- The signal projection: the pure signal finder run over the log in order (one segment), with its own
-- case memory and detection clock, so that a what-if replays the signals live detection saw without
-- touching the write side's tables. Signals are kept in log order: the global index of the event
-- that produced them, then their order within it.
CREATE TABLE analytics_signal (
    log_index     BIGINT       NOT NULL,
    ordinal       INTEGER      NOT NULL,
    signal_id     VARCHAR(36)  NOT NULL,
    signal_code   VARCHAR(60)  NOT NULL,
    category      VARCHAR(8)   NOT NULL,
    kind          VARCHAR(80)  NOT NULL,
    case_id       VARCHAR(36)  NOT NULL,
    occurred_on   DATE         NOT NULL,
    municipality  CHAR(5)      NOT NULL,
    detected_at   TIMESTAMPTZ,
    PRIMARY KEY (signal_id)
);
CREATE INDEX analytics_signal_replay_idx ON analytics_signal (category, occurred_on);
CREATE INDEX analytics_signal_order_idx ON analytics_signal (log_index, ordinal);

CREATE TABLE analytics_signal_clock (
    id     SMALLINT     NOT NULL PRIMARY KEY CHECK (id = 1),
    clock  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE analytics_signal_case_fact (
    event_id     VARCHAR(64)  NOT NULL,
    kind         VARCHAR(80)  NOT NULL,
    case_id      VARCHAR(36)  NOT NULL,
    occurred_on  DATE         NOT NULL,
    detail       VARCHAR(40),
    PRIMARY KEY (event_id, kind)
);
CREATE INDEX analytics_signal_case_fact_idx ON analytics_signal_case_fact (case_id, kind, occurred_on);

CREATE TABLE analytics_signal_absence (
    trigger_event_id  VARCHAR(64)  NOT NULL,
    signal_code       VARCHAR(60)  NOT NULL,
    follow_up_kind    VARCHAR(80)  NOT NULL,
    case_id           VARCHAR(36)  NOT NULL,
    occurred_on       DATE         NOT NULL,
    window_end        DATE         NOT NULL,
    deadline          TIMESTAMPTZ  NOT NULL,
    municipality      CHAR(5)      NOT NULL,
    status            VARCHAR(10)  NOT NULL,  -- WAITING, ANSWERED, FIRED
    PRIMARY KEY (trigger_event_id, signal_code)
);
CREATE INDEX analytics_signal_absence_due_idx ON analytics_signal_absence (deadline, trigger_event_id)
    WHERE status = 'WAITING';
CREATE INDEX analytics_signal_absence_case_idx ON analytics_signal_absence (case_id, follow_up_kind)
    WHERE status = 'WAITING';
