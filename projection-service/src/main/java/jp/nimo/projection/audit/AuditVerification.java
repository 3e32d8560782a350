package jp.nimo.projection.audit;

import java.util.List;

/**
 * The answer of an integrity check of the event log against the audit chain.
 *
 * @param verified     no problem was found in the chained events
 * @param events       chain entries checked
 * @param chainedUpTo  the highest global index in the chain (0 for an empty chain)
 * @param headHash     the last link of the chain: kept outside Nimo, it shows later that the chain itself
 *                     was not rewritten from some entry on
 * @param problems     the first {@value AuditChain#MAX_PROBLEMS_SHOWN} problems, in chain order
 * @param problemCount all problems found
 * @param unchained    events in the log that the chain does not (yet) cover: not problems
 */
public record AuditVerification(boolean verified, long events, long chainedUpTo, String headHash,
                                List<Problem> problems, long problemCount, long unchained) {

    /**
     * @param problem ALTERED: the event's row differs from when it was chained; MISSING: the row is gone;
     *                CHAIN_BROKEN: the chain itself was edited here (an entry removed or changed)
     */
    public record Problem(long globalIndex, String eventIdentifier, Kind problem, long chainPosition) {
    }

    public enum Kind {
        ALTERED,
        MISSING,
        CHAIN_BROKEN
    }
}
