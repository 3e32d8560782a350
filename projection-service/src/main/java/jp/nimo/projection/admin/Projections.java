package jp.nimo.projection.admin;

import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.admin.ProcessorTokens.Segment;
import jp.nimo.projection.admin.ProjectionStatus.Status;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side's projections as their processors stand: this node's processors, with the segments,
 * positions and dead letters of all nodes from the shared tables. A processor's dead-letter queue is
 * its processing group's, which carries the processor's name here.
 */
@Component
public class Projections {

    private final ProjectionRebuilds rebuilds;
    private final ProcessorTokens tokens;
    private final ReadSideNode node;
    private final JdbcTemplate jdbc;

    public Projections(ProjectionRebuilds rebuilds, ProcessorTokens tokens, ReadSideNode node, JdbcTemplate jdbc) {
        this.rebuilds = rebuilds;
        this.tokens = tokens;
        this.node = node;
        this.jdbc = jdbc;
    }

    public List<ProjectionStatus> all() {
        long head = tokens.head();
        Map<String, Long> deadLetters = new HashMap<>();
        jdbc.query("SELECT processinggroup, count(*) FROM deadletterentry GROUP BY processinggroup",
                (RowCallbackHandler) row -> deadLetters.put(row.getString(1), row.getLong(2)));
        Set<String> rebuilding = new HashSet<>(jdbc.queryForList(
                "SELECT processor FROM projection_rebuild WHERE status IN ('RELEASING', 'REPLAYING')", String.class));
        return rebuilds.processors().entrySet().stream()
                .map(e -> status(e.getKey(), e.getValue(), head, deadLetters.getOrDefault(e.getKey(), 0L),
                        rebuilding.contains(e.getKey())))
                .toList();
    }

    public RebuildProgress progress(String name) {
        StreamingEventProcessor processor = rebuilds.processor(name);
        RebuildRequest request = rebuilds.latest(name)
                .orElseThrow(() -> new NotFoundException("no rebuild of " + name + " was requested"));
        return RebuildProgress.of(request, position(processor, tokens.segments(name)), tokens.head());
    }

    /**
     * The lowest position across the segments: as stored in the token table, or, for a segment this node
     * holds, as its processor has got since (a segment with nothing to handle stores its token only when it
     * renews its claim, every few seconds).
     */
    private static long position(StreamingEventProcessor processor, List<Segment> segments) {
        if (segments.isEmpty()) {
            return 0;
        }
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        long lowest = Long.MAX_VALUE;
        for (Segment segment : segments) {
            EventTrackerStatus live = here.get(segment.segment());
            long reached = Math.max(segment.position().orElse(0),
                    live == null ? 0 : live.getCurrentPosition().orElse(0));
            lowest = Math.min(lowest, reached);
        }
        return lowest;
    }

    private ProjectionStatus status(String name, StreamingEventProcessor processor, long head, long deadLetters,
                                    boolean rebuilding) {
        List<Segment> segments = tokens.segments(name);
        int claimedHere = (int) segments.stream().filter(s -> node.id().equals(s.owner())).count();
        boolean failing = processor.isError()
                || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        Status status = rebuilding ? Status.REBUILDING
                : failing ? Status.ERROR
                : processor.isRunning() ? Status.RUNNING
                : Status.STOPPED;
        return new ProjectionStatus(name, status, position(processor, segments), head, segments.size(),
                claimedHere, deadLetters, segments.stream().anyMatch(Segment::replaying), processor.supportsReset());
    }
}
