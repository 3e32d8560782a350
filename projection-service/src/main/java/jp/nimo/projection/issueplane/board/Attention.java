package jp.nimo.projection.issueplane.board;

import java.time.Instant;

/**
 * Why an issue needs a secretariat's attention, and since when. Stale issues are how councils
 * become a formality (形骸化): nothing is decided, nobody notices.
 */
public record Attention(Reason reason, Instant since) {

    public static final Attention NONE = new Attention(Reason.NONE, null);

    /** In the order the board shows them. */
    public enum Reason {
        /** a candidate nobody has triaged yet */
        NEW_CANDIDATE,
        /** evidence attached after the last decision */
        RISING_EVIDENCE,
        /** open, and no decision for longer than the configured period */
        STALE,
        NONE
    }
}
