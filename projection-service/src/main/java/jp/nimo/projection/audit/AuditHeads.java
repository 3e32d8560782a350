package jp.nimo.projection.audit;

import tools.jackson.databind.JsonNode;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.infra.web.input.JsonFields;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/** Signs the audit chain's head, and checks a head exported earlier against the chain as it is now. */
@Component
public class AuditHeads {

    private static final Set<String> FIELDS = Set.of("globalIndex", "headHash", "signedAt", "signature", "publicKey");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final int SIGNATURE_BYTES = 64;

    private final AuditChain chain;
    private final AuditSigningKey key;
    private final Clock clock = Clock.systemUTC();

    public AuditHeads(AuditChain chain, AuditSigningKey key) {
        this.chain = chain;
        this.key = key;
    }

    public AuditHead current() {
        AuditChain.Link head = chain.head();
        Instant signedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] signature = key.sign(AuditHead.signedText(head.globalIndex(), head.hash(), signedAt));
        return new AuditHead(head.globalIndex(), head.hash(), signedAt, Base64.getEncoder().encodeToString(signature),
                key.publicKeyBase64());
    }

    /**
     * A head whose signature is not this installation's is refused (422); one that is, is checked against
     * the chain recomputed from the event rows.
     */
    public AuditHeadVerification verify(JsonNode body) {
        AuditHead head = parse(body);
        if (!Arrays.equals(Base64.getDecoder().decode(head.publicKey()), key.publicKey().getEncoded())) {
            throw new DomainRuleViolation("audit-head-key", "publicKey",
                    "the head was not signed with this installation's audit signing key");
        }
        String text = AuditHead.signedText(head.globalIndex(), head.headHash(), head.signedAt());
        if (!key.verifies(text, Base64.getDecoder().decode(head.signature()))) {
            throw new DomainRuleViolation("audit-head-signature", "signature",
                    "the signature does not verify over the head's globalIndex, headHash and signedAt");
        }
        return chain.recompute(head);
    }

    private static AuditHead parse(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        fields.onlyKnown(FIELDS);
        JsonNode index = body == null ? null : body.get("globalIndex");
        long globalIndex = 0;
        if (index == null || index.isNull()) {
            fields.error("globalIndex", "is required");
        } else if (!index.isIntegralNumber() || !index.canConvertToLong() || index.asLong() < 0) {
            fields.error("globalIndex", "must be a whole number from 0");
        } else {
            globalIndex = index.asLong();
        }
        String hash = fields.text("headHash", true, 64);
        if (hash != null && !HASH.matcher(hash).matches()) {
            fields.error("headHash", "must be 64 lower-case hexadecimal digits");
        }
        String signedAtText = fields.text("signedAt", true, 40);
        Instant signedAt = null;
        if (signedAtText != null) {
            try {
                signedAt = Instant.parse(signedAtText);
            } catch (DateTimeParseException e) {
                fields.error("signedAt", "must be an ISO-8601 instant such as 2026-11-29T18:00:00Z");
            }
        }
        String signature = fields.text("signature", true, 200);
        if (signature != null && decodedLength(signature) != SIGNATURE_BYTES) {
            fields.error("signature", "must be base64 of the " + SIGNATURE_BYTES + " bytes of an Ed25519 signature");
        }
        String publicKey = fields.text("publicKey", true, 200);
        if (publicKey != null && decodedLength(publicKey) < 0) {
            fields.error("publicKey", "must be base64 of an X.509 SubjectPublicKeyInfo");
        }
        fields.check();
        return new AuditHead(globalIndex, hash, signedAt, signature, publicKey);
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
