package jp.nimo.projection.admin;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;

/**
 * Where the next-version processor of a projection writes. Each of its transactions first reads the open
 * rebuild of the projection, under a share lock (so that a switch or an abandon, which update that row,
 * waits for the batches under way and the next ones see what it did): while a version is being built,
 * the transaction's search path starts with that version's schema, so the same handlers write the new
 * tables; otherwise the processor is idle and its handlers are not called at all, and it only follows
 * the head of the log.
 */
final class NextVersion {

    private final VersionedProjection projection;
    private final JdbcTemplate jdbc;

    NextVersion(VersionedProjection projection, JdbcTemplate jdbc) {
        this.projection = projection;
        this.jdbc = jdbc;
    }

    /** The processor's transactions: Axon's, each followed by a look at the rebuild. */
    TransactionManager transactions(TransactionManager delegate) {
        return () -> {
            Transaction transaction = delegate.startTransaction();
            try {
                follow();
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
            return transaction;
        };
    }

    /** Skips the handlers of an idle processor: it must write nothing, the live version least of all. */
    MessageHandlerInterceptor<EventMessage<?>> idleSkipped() {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
                return building() ? chain.proceed() : null;
            }
        };
    }

    private void follow() {
        List<Integer> versions = jdbc.queryForList("SELECT version FROM projection_rebuild WHERE processor = ?"
                + " AND status IN ('REPLAYING', 'SWITCHING') AND version IS NOT NULL FOR SHARE", Integer.class, projection.name());
        boolean building = !versions.isEmpty();
        if (building) {
            jdbc.execute("SET LOCAL search_path TO " + projection.schema(versions.get(0)) + ", public");
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            // a transaction joined by another of the processor's: the last look holds
            TransactionSynchronizationManager.unbindResource(this);
            TransactionSynchronizationManager.bindResource(this, building);
            return;
        }
        TransactionSynchronizationManager.bindResource(this, building);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(NextVersion.this);
            }
        });
    }

    private boolean building() {
        return Boolean.TRUE.equals(TransactionSynchronizationManager.getResource(this));
    }
}
