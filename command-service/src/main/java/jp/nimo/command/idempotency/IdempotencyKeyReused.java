package jp.nimo.command.idempotency;

import jp.nimo.validation.DomainRuleViolation;

/** The same Idempotency-Key sent again with another request: refused, since the first one stands. */
public class IdempotencyKeyReused extends DomainRuleViolation {

    public IdempotencyKeyReused() {
        super("idempotency-key-reused", "Idempotency-Key",
                "this Idempotency-Key was already used for a different request");
    }
}
