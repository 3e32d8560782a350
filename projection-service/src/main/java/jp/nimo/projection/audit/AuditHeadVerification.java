package jp.nimo.projection.audit;

import java.time.Instant;

/**
 * What the chain says now about a head exported earlier, whose signature was found good.
 *
 * @param verified       the chain as stored, and the chain recomputed from the event rows as stored, both
 *                       still end in the exported hash at the exported event
 * @param chainPosition  the position of the exported event's entry in the chain, if it is still there
 * @param recomputedHash the link recomputed from the event rows as stored now, in the chain's order, up to
 *                       that entry (null when an entry's event row is gone)
 * @param storedHash     the link the chain stores at that entry
 * @param problem        why not verified: HASH_DIFFERS, EVENT_NOT_CHAINED (the exported event has no entry
 *                       any more) or EVENT_MISSING (an entry's event row is gone); null when verified
 * @param missingGlobalIndex for EVENT_MISSING, the first entry whose event row is gone
 */
public record AuditHeadVerification(boolean verified, boolean signatureValid, long globalIndex, String headHash,
                                    Instant signedAt, Long chainPosition, String recomputedHash, String storedHash,
                                    Boolean storedChainMatches, String problem, Long missingGlobalIndex) {
}
