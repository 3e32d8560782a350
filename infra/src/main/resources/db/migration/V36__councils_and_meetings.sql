-- Councils and meetings on the read side (processor "councils"): the councils designated and their members,
-- the meetings with their agenda, attendance, written opinions, minutes and issued packs, and the issue
-- decisions that name a meeting. Every row keeps when it was recorded, so that a pack or an indicator
-- can be read as known at a cut-off.

CREATE TABLE council (
    council_id  VARCHAR(80)  PRIMARY KEY,
    level       VARCHAR(16)  NOT NULL,
    area        VARCHAR(40)  NOT NULL,
    name        TEXT         NOT NULL,
    name_en     TEXT,
    secretariat VARCHAR(120) NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE council_member (
    council_id       VARCHAR(80)  NOT NULL,
    organisation     VARCHAR(120) NOT NULL,
    stakeholder_type VARCHAR(16)  NOT NULL,
    tier             VARCHAR(16)  NOT NULL,
    role             VARCHAR(16)  NOT NULL,
    since            DATE         NOT NULL,
    left_on          DATE,
    last_sequence    BIGINT       NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (council_id, organisation)
);

CREATE TABLE council_working_group (
    council_id  VARCHAR(80)  NOT NULL,
    group_id    VARCHAR(80)  NOT NULL,
    name        TEXT         NOT NULL,
    formed_on   DATE         NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (council_id, group_id)
);

CREATE TABLE meeting (
    meeting_id    VARCHAR(36)  PRIMARY KEY,
    council_id    VARCHAR(80)  NOT NULL,
    title         TEXT         NOT NULL,
    held_on       DATE         NOT NULL,
    format        VARCHAR(16)  NOT NULL,
    opinions_due  DATE,
    state         VARCHAR(16)  NOT NULL,
    scheduled_at  TIMESTAMPTZ  NOT NULL,
    held_at       TIMESTAMPTZ,
    cancelled_at  TIMESTAMPTZ,
    cancel_reason TEXT,
    last_sequence BIGINT       NOT NULL
);
CREATE INDEX meeting_council_idx ON meeting (council_id, held_on);

CREATE TABLE meeting_agenda_item (
    meeting_id  VARCHAR(36)  NOT NULL,
    issue_id    VARCHAR(36)  NOT NULL,
    sequence    BIGINT       NOT NULL,
    position    INTEGER      NOT NULL,
    ask         VARCHAR(16)  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (meeting_id, issue_id)
);

-- Each recording of the attendance replaces the one before; the latest recorded by a time is the attendance then.
CREATE TABLE meeting_attendance (
    meeting_id   VARCHAR(36)  NOT NULL,
    sequence     BIGINT       NOT NULL,
    organisation VARCHAR(120) NOT NULL,
    attendees    INTEGER      NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (meeting_id, sequence, organisation)
);

CREATE TABLE meeting_opinion (
    meeting_id   VARCHAR(36)  NOT NULL,
    sequence     BIGINT       NOT NULL,
    organisation VARCHAR(120) NOT NULL,
    opinion      TEXT         NOT NULL,
    received_on  DATE         NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (meeting_id, sequence)
);

CREATE TABLE meeting_minutes (
    meeting_id  VARCHAR(36)  NOT NULL,
    sequence    BIGINT       NOT NULL,
    summary     TEXT         NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (meeting_id, sequence)
);

CREATE TABLE meeting_pack (
    meeting_id   VARCHAR(36)  NOT NULL,
    sequence     BIGINT       NOT NULL,
    pack_id      VARCHAR(80)  NOT NULL,
    cut_off      TIMESTAMPTZ  NOT NULL,
    content_hash VARCHAR(80)  NOT NULL,
    issued_by    VARCHAR(120) NOT NULL,
    issued_org   VARCHAR(120),
    issued_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (meeting_id, sequence)
);

-- Issue decisions that name a meeting recorded in Nimo, written from the issue's own event.
CREATE TABLE meeting_decision (
    issue_id    VARCHAR(36)  NOT NULL,
    sequence    BIGINT       NOT NULL,
    meeting_id  VARCHAR(36)  NOT NULL,
    council_id  VARCHAR(80),
    type        VARCHAR(40)  NOT NULL,
    state       VARCHAR(32)  NOT NULL,
    decided_on  DATE         NOT NULL,
    reason      TEXT,
    recorded_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (issue_id, sequence)
);
CREATE INDEX meeting_decision_meeting_idx ON meeting_decision (meeting_id, recorded_at);
