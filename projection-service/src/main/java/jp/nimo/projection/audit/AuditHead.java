package jp.nimo.projection.audit;

import java.time.Instant;

/**
 * The head of the audit chain, signed: kept outside Nimo, it lets anyone show later that the chain up to
 * it was not rewritten, even by someone who could recompute every hash in the database.
 *
 * @param globalIndex the global index of the event of the chain's last entry (0 for an empty chain)
 * @param headHash    that entry's link, lower-case hex (64 zeros for an empty chain)
 * @param signedAt    when the head was signed, to the second
 * @param signature   Ed25519 over {@link #signedText}, base64
 * @param publicKey   the key that verifies it, X.509 SubjectPublicKeyInfo (DER) in base64
 */
public record AuditHead(long globalIndex, String headHash, Instant signedAt, String signature, String publicKey) {

    /** The link before the first entry of the chain: the head of an empty chain. */
    public static final String EMPTY_CHAIN = "0".repeat(64);

    /**
     * The exact text signed, UTF-8 (all ASCII), every line ending in a line feed:
     * <pre>
     * nimo-audit-head/v1
     * globalIndex=&lt;decimal&gt;
     * headHash=&lt;64 lower-case hex digits&gt;
     * signedAt=&lt;ISO-8601 instant in UTC, to the second, e.g. 2026-11-29T18:00:00Z&gt;
     * </pre>
     */
    public static String signedText(long globalIndex, String headHash, Instant signedAt) {
        return "nimo-audit-head/v1\n"
                + "globalIndex=" + globalIndex + "\n"
                + "headHash=" + headHash + "\n"
                + "signedAt=" + signedAt + "\n";
    }
}
