package jp.nimo.projection.admin;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
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
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Makes a dead letter out of a failed event without losing the rest of its batch. A processor
 * handles a batch of events in one transaction; PostgreSQL refuses every statement after the first
 * failed one, so a handler failing in SQL would also fail the dead-letter insert and the token update,
 * and the stream would stop on the poison event. An event that may fail is therefore handled under a
 * savepoint, and deciding to dead-letter it first rolls back to it: the event's half-done writes go, the
 * transaction lives on, and a retry later applies the event whole.
 * <p>
 * Two statements per event (the savepoint and its release) would be most of what a replay costs, and events
 * almost never fail. So a batch is first handled without savepoints; if an event of it fails, the whole batch
 * is rolled back (its transaction may be refused by then) and the processor handles it again, this time every
 * event up to the failed batch's last under a savepoint, where the failing one is dead-lettered as above. A
 * dead letter retried by hand is always handled under a savepoint.
 */
final class EventSavepoints implements MessageHandlerInterceptor<EventMessage<?>>, EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(EventSavepoints.class);

    private final DataSource dataSource;
    private final String processor;
    private final String segmentKey;
    private final String lastTokenKey;
    /** Per segment, the position up to which events are handled under savepoints after a batch failed. */
    private final Map<Integer, Long> carefulUpTo = new ConcurrentHashMap<>();
    /** Savepoints of the events being handled on this thread, innermost first. */
    private final ThreadLocal<Deque<Mark>> marks = ThreadLocal.withInitial(ArrayDeque::new);

    /** An event being handled: under a savepoint, or (savepoint null) optimistically in a segment's batch. */
    private static final class Mark {
        private final Connection connection;
        private final Savepoint savepoint;
        private final Integer segment;
        private final long batchEnd;
        private boolean rolledBack;

        private Mark(Connection connection, Savepoint savepoint, Integer segment, long batchEnd) {
            this.connection = connection;
            this.savepoint = savepoint;
            this.segment = segment;
            this.batchEnd = batchEnd;
        }
    }

    /** Thrown to roll back a batch handled without savepoints, so that it is handled again with them. */
    static final class HandleAgainWithSavepoints extends RuntimeException {
        HandleAgainWithSavepoints(String processor, Throwable cause) {
            super("an event failed in a batch of " + processor + " handled without savepoints;"
                    + " the batch is handled again with them", cause);
        }
    }

    EventSavepoints(DataSource dataSource, String processor) {
        this.dataSource = dataSource;
        this.processor = processor;
        this.segmentKey = "Processor[" + processor + "]/SegmentId";
        this.lastTokenKey = "Processor[" + processor + "]/Token";
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return interceptorChain.proceed();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Integer segment = unitOfWork.getResource(segmentKey);
        TrackingToken batchEnd = unitOfWork.getResource(lastTokenKey);
        Deque<Mark> stack = marks.get();
        if (segment != null && batchEnd != null && batchEnd.position().isPresent()
                && !careful(segment, unitOfWork.getMessage())) {
            stack.push(new Mark(connection, null, segment, batchEnd.position().getAsLong()));
            try {
                return interceptorChain.proceed();
            } finally {
                stack.pop();
            }
        }
        Mark mark = new Mark(connection, connection.setSavepoint(), segment, -1);
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

    /** Whether the event lies within a batch that failed without savepoints, and so is handled under one now. */
    private boolean careful(Integer segment, EventMessage<?> event) {
        Long upTo = carefulUpTo.get(segment);
        if (upTo == null) {
            return false;
        }
        OptionalLong position = event instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position() : OptionalLong.empty();
        if (position.isEmpty() || position.getAsLong() <= upTo) {
            return true;
        }
        carefulUpTo.remove(segment, upTo);
        return false;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        Mark mark = marks.get().peek();
        if (mark != null && mark.savepoint == null) {
            carefulUpTo.merge(mark.segment, mark.batchEnd, Math::max);
            log.info("{}: an event failed in a batch handled without savepoints; the batch is handled again with them",
                    processor);
            throw new HandleAgainWithSavepoints(processor, cause);
        }
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
