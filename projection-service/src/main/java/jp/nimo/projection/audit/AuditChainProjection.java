package jp.nimo.projection.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Feeds every event of the log to the audit chain, payload unread. Never replayed: a chain rebuilt
 * from the log as it is now would bless whatever was altered in it; so the processor cannot be reset
 * and a rebuild of it is refused.
 */
@Component
@ProcessingGroup(AuditChainProjection.NAME)
@DisallowReplay
public class AuditChainProjection {

    public static final String NAME = "audit-chain";

    private final AuditChain chain;

    public AuditChainProjection(AuditChain chain) {
        this.chain = chain;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        chain.append(event.getIdentifier());
    }
}
