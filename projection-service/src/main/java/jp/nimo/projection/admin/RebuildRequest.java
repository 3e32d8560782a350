package jp.nimo.projection.admin;

import java.time.Instant;

/** One row of {@code projection_rebuild}: a rebuild of a projection, as far as it got, and the version it builds. */
public record RebuildRequest(long id, String processor, Phase phase, String requestedBy, String requestedNode,
                             Instant requestedAt, Instant releaseDeadline, String resetNode, Instant resetAt,
                             Long headAtReset, Instant finishedAt, String detail,
                             Integer version) {

    /** The stored status: where the rebuild stands. */
    public enum Phase {
        /** Every node is stopping the next-version processor so that its segments can be claimed by one node. */
        RELEASING,
        /** The next version's tables exist and its processor replays the log up to the head at the reset. */
        REPLAYING,
        /** The next version caught up; every node stops the projection's processors so that one node switches. */
        SWITCHING,
        DONE,
        FAILED;

        public boolean active() {
            return this == RELEASING || this == REPLAYING || this == SWITCHING;
        }
    }
}
