-- Write side, detection process state. Case plane: these tables know cases and stay on the write
-- side; the issue plane only ever sees counts and opaque signal references. Every row is written in
-- the transaction that moves the detection processor's token, together with the issue events the
-- process appends, so a restart neither loses nor repeats a decision.

CREATE TABLE detection_clock (
    id    SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    clock TIMESTAMPTZ NOT NULL
);

CREATE TABLE detection_rule (
    council_id         VARCHAR(80)  NOT NULL,  -- '*' for every council
    category           VARCHAR(8)   NOT NULL,  -- '*' for every category
    min_signals        INTEGER      NOT NULL,
    min_distinct_cases INTEGER      NOT NULL,
    window_days        INTEGER      NOT NULL,
    area_level         VARCHAR(16)  NOT NULL,
    changed_at         TIMESTAMPTZ  NOT NULL,
    changed_by         VARCHAR(200) NOT NULL,
    PRIMARY KEY (council_id, category)
);

CREATE TABLE detection_signal (
    signal_id    VARCHAR(36)  NOT NULL PRIMARY KEY,
    signal_code  VARCHAR(60)  NOT NULL,
    category     VARCHAR(8)   NOT NULL,
    kind         VARCHAR(80)  NOT NULL,
    case_id      VARCHAR(36)  NOT NULL,
    occurred_on  DATE         NOT NULL,
    municipality CHAR(5)      NOT NULL,
    area_level   VARCHAR(16)  NOT NULL,
    area_code    VARCHAR(40)  NOT NULL,
    detected_at  TIMESTAMPTZ  NOT NULL,
    issue_id     VARCHAR(36)
);
CREATE INDEX detection_signal_unattached_idx ON detection_signal (area_level, area_code, category, occurred_on)
    WHERE issue_id IS NULL;
CREATE INDEX detection_signal_issue_idx ON detection_signal (issue_id, case_id);

CREATE TABLE detection_issue (
    issue_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    area_level VARCHAR(16) NOT NULL,
    area_code  VARCHAR(40) NOT NULL,
    category   VARCHAR(8)  NOT NULL,
    open       BOOLEAN     NOT NULL,
    opened_seq BIGSERIAL   NOT NULL
);
CREATE INDEX detection_issue_open_idx ON detection_issue (area_level, area_code, category, opened_seq) WHERE open;

CREATE TABLE detection_case_fact (
    event_id     VARCHAR(64) NOT NULL,
    kind         VARCHAR(80) NOT NULL,
    case_id      VARCHAR(36) NOT NULL,
    occurred_on  DATE        NOT NULL,
    detail       VARCHAR(40),
    PRIMARY KEY (event_id, kind)
);
CREATE INDEX detection_case_fact_idx ON detection_case_fact (case_id, kind, occurred_on);

CREATE TABLE detection_absence (
    trigger_event_id VARCHAR(64) NOT NULL,
    signal_code      VARCHAR(60) NOT NULL,
    follow_up_kind   VARCHAR(80) NOT NULL,
    case_id          VARCHAR(36) NOT NULL,
    occurred_on      DATE        NOT NULL,
    window_end       DATE        NOT NULL,
    deadline         TIMESTAMPTZ NOT NULL,
    municipality     CHAR(5)     NOT NULL,
    status           VARCHAR(10) NOT NULL,  -- WAITING, ANSWERED, FIRED
    PRIMARY KEY (trigger_event_id, signal_code)
);
CREATE INDEX detection_absence_due_idx ON detection_absence (deadline, trigger_event_id) WHERE status = 'WAITING';
CREATE INDEX detection_absence_case_idx ON detection_absence (case_id, follow_up_kind) WHERE status = 'WAITING';
