package jp.nimo.projection.admin;

import java.time.Instant;
import java.util.List;

/**
 * Whether the read side agrees with the event store: per processor its position against the head of the
 * log and the differences its checks found up to that position.
 *
 * @param consistent no check of any processor found a difference (a processor that is behind is consistent)
 * @param head       the global index of the newest event in the log
 */
public record ReconciliationReport(boolean consistent, Instant checkedAt, long head, List<Processor> projections) {

    /**
     * @param state          NOT_STARTED (no token yet), REPLAYING (a segment replays the log), BEHIND or CAUGHT_UP
     * @param lowestPosition the lowest global index reached over the segments: every event up to it is handled
     * @param highestPosition the highest over the segments: no event after it is handled
     * @param behind         events of the log after the lowest position
     * @param deadLetters    events parked in the processor's dead-letter queue
     * @param consistent     none of the checks found a difference
     */
    public record Processor(String name, State state, int segments, long lowestPosition, long highestPosition,
                            long head, long behind, boolean replaying, long deadLetters, boolean consistent,
                            List<Check> checks) {
    }

    public enum State {
        NOT_STARTED,
        REPLAYING,
        BEHIND,
        CAUGHT_UP
    }

    /**
     * @param compared        events (or, for a summing check, keys) compared
     * @param deadLettered    events the processor parked in its dead-letter queue, left out of the comparison
     * @param differenceCount every difference found; {@code differences} shows the first of them
     */
    public record Check(String name, String description, long compared, long deadLettered, long differenceCount,
                        List<Difference> differences) {

        public boolean consistent() {
            return differenceCount == 0;
        }
    }

    /**
     * One aggregate (or key) where the projection and the store disagree.
     *
     * @param aggregateId the aggregate (a case id, an issue id), or the key of a summed figure
     * @param expected    events of the aggregate up to the position (or the figure the events give)
     * @param found       what the projection holds for them (or the figure it holds)
     * @param missing     events up to the position the projection holds nothing for
     * @param unexpected  rows of the projection that no event read so far accounts for
     */
    public record Difference(String aggregateId, long expected, long found, long missing, long unexpected) {
    }
}
