package jp.nimo.projection.admin;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Makes a dead letter out of a failed event without losing the rest of its batch. A processor
 * handles a batch of events in one transaction; PostgreSQL refuses every statement after the first
 * failed one, so a handler failing in SQL would also fail the dead-letter insert and the token update,
 * and the stream would stop on the poison event. Each event is handled under a savepoint instead, and
 * deciding to dead-letter an event first rolls back to it: the event's half-done writes go, the
 * transaction lives on, and a retry later applies the event whole.
 */
final class EventSavepoints implements MessageHandlerInterceptor<EventMessage<?>>, EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(EventSavepoints.class);

    private final DataSource dataSource;
    /** Savepoints of the events being handled on this thread, innermost first. */
    private final ThreadLocal<Deque<Mark>> marks = ThreadLocal.withInitial(ArrayDeque::new);

    private static final class Mark {
        private final Connection connection;
        private final Savepoint savepoint;
        private boolean rolledBack;

        private Mark(Connection connection, Savepoint savepoint) {
            this.connection = connection;
            this.savepoint = savepoint;
        }
    }

    EventSavepoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return interceptorChain.proceed();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Mark mark = new Mark(connection, connection.setSavepoint());
        Deque<Mark> stack = marks.get();
        stack.push(mark);
        try {
            return interceptorChain.proceed();
        } finally {
            stack.pop();
            try {
                connection.releaseSavepoint(mark.savepoint);
            } catch (SQLException e) {
                // the transaction is failing anyway; its rollback discards the savepoint
                log.debug("Could not release a savepoint", e);
            }
        }
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        Mark mark = marks.get().peek();
        if (mark != null && !mark.rolledBack) {
            try {
                mark.connection.rollback(mark.savepoint);
                mark.rolledBack = true;
            } catch (SQLException e) {
                throw new IllegalStateException("could not undo the failed event's writes", e);
            }
        }
        // what Axon decides by default: dead-letter it, with the cause cut to fit its column
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }
}
