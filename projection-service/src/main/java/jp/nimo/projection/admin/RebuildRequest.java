package jp.nimo.projection.admin;

import java.time.Instant;

/** One row of {@code projection_rebuild}: a rebuild of a processor, as far as it got. */
public record RebuildRequest(long id, String processor, Phase phase, String requestedBy, String requestedNode,
                             Instant requestedAt, Instant releaseDeadline, String resetNode, Instant resetAt,
                             Long headAtReset, Instant finishedAt, String detail) {

    /** The stored status: where the rebuild stands. */
    public enum Phase {
        /** Every node is stopping the processor so that its segments can be claimed by one node. */
        RELEASING,
        /** The tokens were reset and the processor replays the log up to the head at the reset. */
        REPLAYING,
        DONE,
        FAILED;

        public boolean active() {
            return this == RELEASING || this == REPLAYING;
        }
    }
}
