-- Read side, operations: blue/green rebuilds.
--
-- A rebuildable projection's live tables are the ones in this schema. A rebuild builds the next version
-- of them in a schema of its own (proj_<projection>_v<version>, same definition) with a processor of its
-- own (<projection>~next), while the live tables keep answering; once it has caught up, the nodes stop
-- both processors, one node drops the live tables and moves the new ones in their place in one
-- transaction, and the live processor goes on from the new processor's tokens.
CREATE TABLE projection_version (
    projection   VARCHAR(255) NOT NULL PRIMARY KEY,
    -- the version whose tables are live; a projection without a row is at version 1
    live_version INTEGER      NOT NULL,
    switched_at  TIMESTAMPTZ  NOT NULL
);

-- the version a rebuild builds, from its reset on
ALTER TABLE projection_rebuild ADD COLUMN version INTEGER;

-- SWITCHING: the new version has caught up; the nodes stop the projection's processors so that one node
-- can put the new tables and tokens in place
ALTER TABLE projection_rebuild DROP CONSTRAINT projection_rebuild_status_check;
ALTER TABLE projection_rebuild ADD CONSTRAINT projection_rebuild_status_check
    CHECK (status IN ('RELEASING', 'REPLAYING', 'SWITCHING', 'DONE', 'FAILED'));
DROP INDEX projection_rebuild_active_idx;
CREATE UNIQUE INDEX projection_rebuild_active_idx ON projection_rebuild (processor)
    WHERE status IN ('RELEASING', 'REPLAYING', 'SWITCHING');

-- a rebuild still open from before replays into the live tables, as it did then; it is closed here so
-- that the new watchers do not take it for one of theirs
UPDATE projection_rebuild SET status = 'FAILED', finished_at = now(),
    detail = 'closed by the upgrade to versioned rebuilds: the live processor finishes the replay it had started; ask again for a rebuild into a new version'
    WHERE status IN ('RELEASING', 'REPLAYING');
