package jp.nimo.projection.admin;

import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.admin.ProcessorTokens.Segment;
import jp.nimo.projection.admin.RebuildRequest.Phase;
import jp.nimo.validation.DomainRuleViolation;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Rebuilds of projections across every read-side node, through the shared database only.
 * <p>
 * Axon resets a processor's tokens only where every segment can be claimed, and other nodes hold
 * some. A rebuild is therefore a row in {@code projection_rebuild} that each node's watcher reads
 * every {@code nimo.rebuild.poll-interval}:
 * <ol>
 * <li>RELEASING: every node shuts its processor down, which releases its claims. Any node that then
 * sees no segment held by another node resets the tokens (the processor's reset handlers clear its
 * tables) and moves the row to REPLAYING in the same transaction, so exactly one node resets; it
 * starts its processor at once.</li>
 * <li>REPLAYING: the other nodes start their processor again; the replay tokens are in the shared
 * table, so every node takes part in the replay and a node that dies does not stop it. Any node marks
 * the row DONE once the processor's lowest position reaches the head of the log at the reset.</li>
 * <li>A segment still held by another node at {@code release_deadline} (a node that does not watch,
 * e.g. an older version) fails the request with the segments and owners in {@code detail}; nothing
 * was reset and every node starts its processor again.</li>
 * </ol>
 * The other processors of the service keep running throughout.
 */
@Component
public class ProjectionRebuilds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private static final String COLUMNS = "rebuild_id, processor, status, requested_by, requested_node, requested_at,"
            + " release_deadline, reset_node, reset_at, head_at_reset, finished_at, detail";

    private static final RowMapper<RebuildRequest> ROW = (row, n) -> new RebuildRequest(
            row.getLong("rebuild_id"), row.getString("processor"), Phase.valueOf(row.getString("status")),
            row.getString("requested_by"), row.getString("requested_node"), instant(row.getTimestamp("requested_at")),
            instant(row.getTimestamp("release_deadline")), row.getString("reset_node"), instant(row.getTimestamp("reset_at")),
            (Long) row.getObject("head_at_reset"), instant(row.getTimestamp("finished_at")), row.getString("detail"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventProcessingConfiguration processing;
    private final ProcessorTokens tokens;
    private final ReadSideNode node;
    private final Duration pollInterval;
    private final Duration releaseTimeout;

    /**
     * Processors this node stopped for a rebuild, to be started again once the rebuild lets go. Touched by
     * the watcher's one thread only, which also runs the look a new request asks for.
     */
    private final Set<String> stoppedHere = new HashSet<>();
    private final AtomicReference<ScheduledExecutorService> watcher = new AtomicReference<>();

    public ProjectionRebuilds(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                              EventProcessingConfiguration processing, ProcessorTokens tokens, ReadSideNode node,
                              @Value("${nimo.rebuild.poll-interval:1s}") Duration pollInterval,
                              @Value("${nimo.rebuild.release-timeout:60s}") Duration releaseTimeout) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.processing = processing;
        this.tokens = tokens;
        this.node = node;
        this.pollInterval = pollInterval;
        this.releaseTimeout = releaseTimeout;
    }

    /** The streaming processors of this service, by name. */
    public Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> processors = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.put(name, streaming);
            }
        });
        return processors;
    }

    public StreamingEventProcessor processor(String name) {
        StreamingEventProcessor processor = processors().get(name);
        if (processor == null) {
            throw new NotFoundException("no projection named " + name);
        }
        return processor;
    }

    /** Asks every node for a rebuild of the projection; the watchers do the rest. */
    public RebuildRequest request(String name, String user) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset()) {
            throw new DomainRuleViolation("projection-not-rebuildable", null,
                    name + " is never rebuilt: replaying it would rewrite what it records from the log as it is now");
        }
        List<Long> created = jdbc.queryForList("INSERT INTO projection_rebuild (processor, status, requested_by,"
                        + " requested_node, release_deadline) VALUES (?, 'RELEASING', ?, ?, now() + ? * interval '1 millisecond')"
                        + " ON CONFLICT (processor) WHERE status IN ('RELEASING', 'REPLAYING') DO NOTHING RETURNING rebuild_id",
                Long.class, name, user, node.id(), releaseTimeout.toMillis());
        if (created.isEmpty()) {
            throw new RebuildAlreadyRunning(name, active(name).map(RebuildRequest::id).orElse(0L));
        }
        ScheduledExecutorService running = watcher.get();
        if (running != null) {
            try {
                // this node need not wait for its next poll to start releasing
                running.execute(this::watchSafely);
            } catch (RejectedExecutionException e) {
                // the node is stopping; the request waits in the table for the nodes still running
            }
        }
        return find(created.get(0)).orElseThrow();
    }

    public Optional<RebuildRequest> latest(String processor) {
        return jdbc.query("SELECT " + COLUMNS + " FROM projection_rebuild WHERE processor = ?"
                + " ORDER BY rebuild_id DESC LIMIT 1", ROW, processor).stream().findFirst();
    }

    public Optional<RebuildRequest> active(String processor) {
        return jdbc.query("SELECT " + COLUMNS + " FROM projection_rebuild WHERE processor = ?"
                + " AND status IN ('RELEASING', 'REPLAYING')", ROW, processor).stream().findFirst();
    }

    private Optional<RebuildRequest> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM projection_rebuild WHERE rebuild_id = ?", ROW, id)
                .stream().findFirst();
    }

    /** One look at the rebuild requests, for every processor of this node. */
    void watch() {
        for (Map.Entry<String, StreamingEventProcessor> entry : processors().entrySet()) {
            try {
                step(entry.getKey(), entry.getValue());
            } catch (DataAccessException e) {
                // the database away for a moment: no stack trace every poll
                log.warn("Watching rebuilds of {} failed; trying again in {}: {}", entry.getKey(), pollInterval, e.toString());
            } catch (RuntimeException e) {
                // one processor's trouble must not keep the others waiting; its step is tried again next time
                log.warn("Watching rebuilds of {} failed; trying again in {}", entry.getKey(), pollInterval, e);
            }
        }
    }

    private void watchSafely() {
        try {
            watch();
        } catch (RuntimeException e) {
            // the watcher must outlive a failed look (a database restart, say), or rebuilds would hang
            log.warn("Looking at projection rebuild requests failed; trying again in {}", pollInterval, e);
        }
    }

    private void step(String name, StreamingEventProcessor processor) {
        Optional<RebuildRequest> request = active(name);
        if (request.isPresent() && request.get().phase() == Phase.RELEASING) {
            RebuildRequest releasing = request.get();
            if (stoppedHere.add(name) || processor.isRunning()) {
                log.info("Stopping processor {} on node {} for rebuild {}", name, node.id(), releasing.id());
                processor.shutDown();
            }
            List<Segment> heldElsewhere = heldElsewhere(name);
            if (heldElsewhere.isEmpty()) {
                reset(name, processor, releasing);
            } else {
                failIfOverdue(releasing, "segments still claimed by other nodes: " + describe(heldElsewhere));
            }
            request = active(name);
        }
        boolean releasing = request.isPresent() && request.get().phase() == Phase.RELEASING;
        if (!releasing && stoppedHere.contains(name)) {
            log.info("Starting processor {} on node {} again", name, node.id());
            processor.start();
            stoppedHere.remove(name);
        }
        if (request.isPresent() && request.get().phase() == Phase.REPLAYING) {
            finishIfCaughtUp(request.get());
        }
    }

    private List<Segment> heldElsewhere(String name) {
        Instant now = Instant.now();
        return tokens.segments(name).stream().filter(s -> tokens.heldElsewhere(s, node.id(), now)).toList();
    }

    private static String describe(List<Segment> segments) {
        return segments.stream()
                .collect(Collectors.groupingBy(Segment::owner, TreeMap::new,
                        Collectors.mapping(s -> String.valueOf(s.segment()), Collectors.joining(", ", "[", "]"))))
                .entrySet().stream().map(e -> e.getValue() + " by " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    /**
     * Resets the tokens and moves the request on, in one transaction: a second node trying at the same
     * time waits on the request's row, then finds it no longer releasing and resets nothing.
     */
    private void reset(String name, StreamingEventProcessor processor, RebuildRequest request) {
        try {
            Boolean reset = transaction.execute(status -> {
                int moved = jdbc.update("UPDATE projection_rebuild SET status = 'REPLAYING', reset_node = ?,"
                                + " reset_at = now(), head_at_reset = (SELECT coalesce(max(globalindex), 0) FROM domainevententry),"
                                + " detail = NULL WHERE rebuild_id = ? AND status = 'RELEASING'",
                        node.id(), request.id());
                if (moved == 0) {
                    return false;
                }
                processor.resetTokens();
                return true;
            });
            if (Boolean.TRUE.equals(reset)) {
                log.info("Node {} reset the tokens of {} for rebuild {}", node.id(), name, request.id());
            }
        } catch (RuntimeException e) {
            // typically a claim taken between the look at the token table and the reset: try again next time
            String detail = "the reset could not claim every segment yet: " + e.getMessage();
            log.info("Rebuild {} of {}: {}", request.id(), name, detail);
            failIfOverdue(request, detail);
        }
    }

    private void failIfOverdue(RebuildRequest request, String why) {
        int failed = jdbc.update("UPDATE projection_rebuild SET status = 'FAILED', finished_at = now(), detail = ?"
                        + " WHERE rebuild_id = ? AND status = 'RELEASING' AND release_deadline < now()",
                truncate("the release deadline passed and nothing was reset; " + why), request.id());
        if (failed == 0) {
            jdbc.update("UPDATE projection_rebuild SET detail = ? WHERE rebuild_id = ? AND status = 'RELEASING'",
                    truncate("waiting: " + why), request.id());
        } else {
            log.warn("Rebuild {} of {} failed: {}", request.id(), request.processor(), why);
        }
    }

    private void finishIfCaughtUp(RebuildRequest request) {
        List<Segment> segments = tokens.segments(request.processor());
        long target = request.headAtReset() == null ? 0 : request.headAtReset();
        boolean caughtUp = target == 0
                || (!segments.isEmpty() && ProcessorTokens.position(segments).orElse(0) >= target);
        if (caughtUp && jdbc.update("UPDATE projection_rebuild SET status = 'DONE', finished_at = now()"
                + " WHERE rebuild_id = ? AND status = 'REPLAYING'", request.id()) > 0) {
            log.info("Rebuild {} of {} is done: the replay reached global index {}", request.id(),
                    request.processor(), target);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    // The watcher starts after Axon has started the processors and stops before Axon stops them, so that
    // it never starts a processor of a context that is closing.

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projection-rebuilds");
            thread.setDaemon(true);
            return thread;
        });
        if (!watcher.compareAndSet(null, started)) {
            started.shutdown();
            return;
        }
        started.scheduleWithFixedDelay(this::watchSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = watcher.getAndSet(null);
        if (running == null) {
            return;
        }
        // interrupts a look under way: the context is closing, Axon stops the processors next, and a look
        // waiting for a database that is already gone must not hold the close up
        running.shutdownNow();
        try {
            running.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return watcher.get() != null;
    }

    @Override
    public int getPhase() {
        // between Axon (started before, stopped after) and the web server (started after, stopped before)
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 512;
    }
}
