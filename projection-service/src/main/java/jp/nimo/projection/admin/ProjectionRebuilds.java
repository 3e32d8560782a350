package jp.nimo.projection.admin;

import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.admin.ProcessorTokens.Segment;
import jp.nimo.projection.admin.RebuildRequest.Phase;
import jp.nimo.validation.DomainRuleViolation;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
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
import java.util.ArrayList;
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
 * Blue/green rebuilds of projections across every read-side node, through the shared database only. The
 * live tables keep answering, and the live processor keeps them up to date, until the new version
 * replaces them whole. A rebuild is a row in {@code projection_rebuild} that each node's watcher reads
 * every {@code nimo.rebuild.poll-interval}:
 * <ol>
 * <li>RELEASING: every node stops the projection's next-version processor ({@code <name>~next}), which
 * releases its claims. Any node that then sees none of its segments held by another node creates the next
 * version's tables in a schema of their own, resets that processor's tokens and moves the row to
 * REPLAYING, in one transaction, so exactly one node does it.</li>
 * <li>REPLAYING: every node starts the next-version processor again, which replays the log into the new
 * tables ({@link NextVersion}); a node that dies leaves its segments to the others. Any node moves the row
 * to SWITCHING once that processor's lowest position reaches the head of the log at the reset.</li>
 * <li>SWITCHING: every node stops both processors of the projection. Any node that then sees no segment of
 * either held by another node drops the live tables, moves the new ones in their place, gives the live
 * processor the next-version processor's tokens and dead letters, and marks the row DONE, in one
 * transaction; readers see the old version or the new one, whole. Every node starts both again, the
 * next-version processor idle.</li>
 * <li>A segment still held by another node at {@code release_deadline} (a node that does not watch, e.g.
 * an older version) fails the request with the segments and owners in {@code detail}; the live version
 * stays, a version being built is dropped, and every node starts its processors again.</li>
 * </ol>
 * The other projections' processors keep running throughout.
 */
@Component
public class ProjectionRebuilds implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private static final String COLUMNS = "rebuild_id, processor, status, requested_by, requested_node, requested_at,"
            + " release_deadline, reset_node, reset_at, head_at_reset, finished_at, detail, version";
    private static final String ACTIVE = "('RELEASING', 'REPLAYING', 'SWITCHING')";

    private static final RowMapper<RebuildRequest> ROW = (row, n) -> new RebuildRequest(
            row.getLong("rebuild_id"), row.getString("processor"), Phase.valueOf(row.getString("status")),
            row.getString("requested_by"), row.getString("requested_node"), instant(row.getTimestamp("requested_at")),
            instant(row.getTimestamp("release_deadline")), row.getString("reset_node"), instant(row.getTimestamp("reset_at")),
            (Long) row.getObject("head_at_reset"), instant(row.getTimestamp("finished_at")), row.getString("detail"),
            (Integer) row.getObject("version"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventProcessingConfiguration processing;
    private final ProcessorTokens tokens;
    private final ProjectionSchemas schemas;
    private final TokenStore tokenStore;
    private final ReadSideNode node;
    private final Duration pollInterval;
    private final Duration releaseTimeout;

    /**
     * Processors this node stopped for a rebuild, to be started again once the rebuild lets go of them. Touched
     * by the watcher's one thread only, which also runs the look a new request asks for.
     */
    private final Set<String> stoppedHere = new HashSet<>();
    private final AtomicReference<ScheduledExecutorService> watcher = new AtomicReference<>();

    public ProjectionRebuilds(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                              EventProcessingConfiguration processing, ProcessorTokens tokens, ProjectionSchemas schemas,
                              TokenStore tokenStore, ReadSideNode node,
                              @Value("${nimo.rebuild.poll-interval:1s}") Duration pollInterval,
                              @Value("${nimo.rebuild.release-timeout:60s}") Duration releaseTimeout) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.processing = processing;
        this.tokens = tokens;
        this.schemas = schemas;
        this.tokenStore = tokenStore;
        this.node = node;
        this.pollInterval = pollInterval;
        this.releaseTimeout = releaseTimeout;
    }

    /** The streaming processors of this service's projections, by name; next-version processors are not listed. */
    public Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> processors = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && !VersionedProjection.isNextProcessor(name)) {
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

    /** The processor that builds the projection's next version, if it is rebuilt blue/green. */
    Optional<StreamingEventProcessor> nextProcessor(String name) {
        return VersionedProjection.named(name)
                .flatMap(p -> processing.eventProcessor(p.nextProcessor(), StreamingEventProcessor.class));
    }

    /** The version of the projection's tables that readers see; 1 until a rebuild switched them. */
    public int liveVersion(String projection) {
        List<Integer> live = jdbc.queryForList("SELECT live_version FROM projection_version WHERE projection = ?",
                Integer.class, projection);
        return live.isEmpty() ? 1 : live.get(0);
    }

    /** Asks every node for a rebuild of the projection; the watchers do the rest. */
    public RebuildRequest request(String name, String user) {
        StreamingEventProcessor processor = processor(name);
        if (!processor.supportsReset() || nextProcessor(name).isEmpty()) {
            throw new DomainRuleViolation("projection-not-rebuildable", null,
                    name + " is never rebuilt: replaying it would rewrite what it records from the log as it is now");
        }
        List<Long> created = jdbc.queryForList("INSERT INTO projection_rebuild (processor, status, requested_by,"
                        + " requested_node, release_deadline) VALUES (?, 'RELEASING', ?, ?, now() + ? * interval '1 millisecond')"
                        + " ON CONFLICT (processor) WHERE status IN " + ACTIVE + " DO NOTHING RETURNING rebuild_id",
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
                + " AND status IN " + ACTIVE, ROW, processor).stream().findFirst();
    }

    private Optional<RebuildRequest> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM projection_rebuild WHERE rebuild_id = ?", ROW, id)
                .stream().findFirst();
    }

    /** One look at the rebuild requests, for every projection rebuilt blue/green. */
    void watch() {
        for (VersionedProjection projection : VersionedProjection.ALL) {
            Optional<StreamingEventProcessor> live = processing.eventProcessor(projection.name(), StreamingEventProcessor.class);
            Optional<StreamingEventProcessor> next = nextProcessor(projection.name());
            if (live.isEmpty() || next.isEmpty()) {
                continue;
            }
            try {
                step(projection, live.get(), next.get());
            } catch (DataAccessException e) {
                // the database away for a moment: no stack trace every poll
                log.warn("Watching rebuilds of {} failed; trying again in {}: {}", projection.name(), pollInterval, e.toString());
            } catch (RuntimeException e) {
                // one projection's trouble must not keep the others waiting; its step is tried again next time
                log.warn("Watching rebuilds of {} failed; trying again in {}", projection.name(), pollInterval, e);
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

    private void step(VersionedProjection projection, StreamingEventProcessor live, StreamingEventProcessor next) {
        String name = projection.name();
        Optional<RebuildRequest> request = active(name);
        if (request.isPresent() && request.get().phase() == Phase.RELEASING) {
            RebuildRequest releasing = request.get();
            stop(projection.nextProcessor(), next, releasing);
            List<Segment> heldElsewhere = heldElsewhere(projection.nextProcessor());
            if (heldElsewhere.isEmpty()) {
                reset(projection, next, releasing);
            } else {
                failIfOverdue(projection, releasing, "segments still claimed by other nodes: " + describe(heldElsewhere));
            }
            request = active(name);
        }
        if (request.isPresent() && request.get().phase() == Phase.REPLAYING) {
            start(projection.nextProcessor(), next);
            caughtUp(projection, request.get());
            request = active(name);
        }
        if (request.isPresent() && request.get().phase() == Phase.SWITCHING) {
            RebuildRequest switching = request.get();
            stop(name, live, switching);
            stop(projection.nextProcessor(), next, switching);
            List<Segment> heldElsewhere = new ArrayList<>(heldElsewhere(name));
            heldElsewhere.addAll(heldElsewhere(projection.nextProcessor()));
            if (heldElsewhere.isEmpty()) {
                switchOver(projection, switching);
            } else {
                failIfOverdue(projection, switching, "segments still claimed by other nodes: " + describe(heldElsewhere));
            }
            request = active(name);
        }
        Phase phase = request.map(RebuildRequest::phase).orElse(null);
        if (phase != Phase.SWITCHING) {
            start(name, live);
        }
        if (phase != Phase.RELEASING && phase != Phase.SWITCHING) {
            start(projection.nextProcessor(), next);
        }
    }

    private void stop(String name, StreamingEventProcessor processor, RebuildRequest request) {
        if (stoppedHere.add(name) || processor.isRunning()) {
            log.info("Stopping processor {} on node {} for rebuild {}", name, node.id(), request.id());
            processor.shutDown();
        }
    }

    private void start(String name, StreamingEventProcessor processor) {
        if (stoppedHere.remove(name)) {
            log.info("Starting processor {} on node {} again", name, node.id());
            processor.start();
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
     * Creates the next version's tables, resets the next-version processor's tokens and moves the request on,
     * in one transaction: a second node trying at the same time waits on the request's row, then finds it no
     * longer releasing and does nothing. The reset handlers run with the search path of the new version, so
     * that what they clear is its empty tables, never the live ones.
     */
    private void reset(VersionedProjection projection, StreamingEventProcessor next, RebuildRequest request) {
        int version = liveVersion(projection.name()) + 1;
        try {
            Boolean reset = transaction.execute(status -> {
                int moved = jdbc.update("UPDATE projection_rebuild SET status = 'REPLAYING', reset_node = ?,"
                                + " reset_at = now(), head_at_reset = (SELECT coalesce(max(globalindex), 0) FROM domainevententry),"
                                + " version = ?, detail = NULL WHERE rebuild_id = ? AND status = 'RELEASING'",
                        node.id(), version, request.id());
                if (moved == 0) {
                    return false;
                }
                schemas.create(projection, version);
                jdbc.execute("SET LOCAL search_path TO " + projection.schema(version) + ", public");
                if (tokens.segments(projection.nextProcessor()).isEmpty()) {
                    // never started anywhere yet: as many segments as the live processor, read from the start
                    int segments = Math.max(1, tokens.segments(projection.name()).size());
                    jdbc.update("DELETE FROM deadletterentry WHERE processinggroup = ?", projection.nextProcessor());
                    tokenStore.initializeTokenSegments(projection.nextProcessor(), segments);
                } else {
                    // from the start of the log: the processor's own initial token is the head, for when it idles
                    next.resetTokens(StreamableMessageSource::createTailToken);
                }
                return true;
            });
            if (Boolean.TRUE.equals(reset)) {
                log.info("Node {} created version {} of {} and reset its tokens for rebuild {}", node.id(), version,
                        projection.name(), request.id());
            }
        } catch (RuntimeException e) {
            // typically a claim taken between the look at the token table and the reset: try again next time
            String detail = "the reset could not claim every segment yet: " + e.getMessage();
            log.info("Rebuild {} of {}: {}", request.id(), projection.name(), detail);
            failIfOverdue(projection, request, detail);
        }
    }

    /** REPLAYING to SWITCHING once the new version has read the log up to the head at the reset. */
    private void caughtUp(VersionedProjection projection, RebuildRequest request) {
        List<Segment> segments = tokens.segments(projection.nextProcessor());
        long target = request.headAtReset() == null ? 0 : request.headAtReset();
        boolean caughtUp = !segments.isEmpty() && (target == 0 || ProcessorTokens.position(segments).orElse(0) >= target);
        if (caughtUp && jdbc.update("UPDATE projection_rebuild SET status = 'SWITCHING', detail = NULL,"
                        + " release_deadline = now() + ? * interval '1 millisecond' WHERE rebuild_id = ? AND status = 'REPLAYING'",
                releaseTimeout.toMillis(), request.id()) > 0) {
            log.info("Rebuild {} of {}: version {} reached global index {}; switching", request.id(),
                    projection.name(), request.version(), target);
        }
    }

    /**
     * Puts the new version in place of the live one, in one transaction: its tables, the live processor's
     * tokens (the next-version processor's, so the live one goes on from where the new tables are), and the
     * dead letters (the old version's are dropped with it). A second node waits on the request's row.
     */
    private void switchOver(VersionedProjection projection, RebuildRequest request) {
        int version = request.version();
        schemas.analyze(projection, version);
        Boolean switched = transaction.execute(status -> {
            List<Long> locked = jdbc.queryForList("SELECT rebuild_id FROM projection_rebuild WHERE rebuild_id = ?"
                    + " AND status = 'SWITCHING' FOR UPDATE", Long.class, request.id());
            if (locked.isEmpty()) {
                return false;
            }
            schemas.makeLive(projection, version);
            String live = projection.name();
            String next = projection.nextProcessor();
            jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", live);
            jdbc.update("INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner)"
                    + " SELECT ?, segment, token, tokentype, timestamp, NULL FROM tokenentry WHERE processorname = ?", live, next);
            jdbc.update("DELETE FROM deadletterentry WHERE processinggroup = ?", live);
            jdbc.update("UPDATE deadletterentry SET processinggroup = ? WHERE processinggroup = ?", live, next);
            jdbc.update("INSERT INTO projection_version (projection, live_version, switched_at) VALUES (?, ?, now())"
                    + " ON CONFLICT (projection) DO UPDATE SET live_version = EXCLUDED.live_version,"
                    + " switched_at = EXCLUDED.switched_at", live, version);
            jdbc.update("UPDATE projection_rebuild SET status = 'DONE', finished_at = now(), detail = NULL"
                    + " WHERE rebuild_id = ?", request.id());
            return true;
        });
        if (Boolean.TRUE.equals(switched)) {
            log.info("Rebuild {} of {} is done: node {} put version {} live", request.id(), projection.name(), node.id(),
                    version);
        }
    }

    /**
     * Fails a request whose deadline passed, dropping a version being built in the same transaction (the
     * next-version processor's batches, which hold a share lock on the row, are over before it goes).
     */
    private void failIfOverdue(VersionedProjection projection, RebuildRequest request, String why) {
        String outcome = request.phase() == Phase.RELEASING ? "the release deadline passed and nothing was reset; "
                : "the switch deadline passed; version " + request.version() + " was dropped and the live version stays; ";
        Boolean failed = transaction.execute(status -> {
            int updated = jdbc.update("UPDATE projection_rebuild SET status = 'FAILED', finished_at = now(), detail = ?"
                            + " WHERE rebuild_id = ? AND status = ? AND release_deadline < now()",
                    truncate(outcome + why), request.id(), request.phase().name());
            if (updated > 0 && request.version() != null) {
                schemas.drop(projection, request.version());
            }
            return updated > 0;
        });
        if (Boolean.TRUE.equals(failed)) {
            log.warn("Rebuild {} of {} failed: {}", request.id(), request.processor(), why);
        } else {
            jdbc.update("UPDATE projection_rebuild SET detail = ? WHERE rebuild_id = ? AND status = ?",
                    truncate("waiting: " + why), request.id(), request.phase().name());
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
