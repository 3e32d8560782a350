package jp.nimo.projection.admin;

import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.admin.ProcessorTokens.Segment;
import jp.nimo.projection.admin.ProjectionStatus.Status;
import jp.nimo.projection.admin.RebuildRequest.Phase;
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
        Map<String, Integer> building = new HashMap<>();
        jdbc.query("SELECT processor, version FROM projection_rebuild WHERE status IN ('RELEASING', 'REPLAYING', 'SWITCHING')",
                (RowCallbackHandler) row -> building.put(row.getString(1), (Integer) row.getObject(2)));
        Map<String, Integer> live = new HashMap<>();
        jdbc.query("SELECT projection, live_version FROM projection_version",
                (RowCallbackHandler) row -> live.put(row.getString(1), row.getInt(2)));
        return rebuilds.processors().entrySet().stream()
                .map(e -> status(e.getKey(), e.getValue(), head, deadLetters.getOrDefault(e.getKey(), 0L),
                        building.containsKey(e.getKey()),
                        VersionedProjection.named(e.getKey()).map(p -> live.getOrDefault(p.name(), 1)).orElse(null),
                        building.get(e.getKey())))
                .toList();
    }

    /**
     * The latest rebuild of the projection: while its next version is built, how far that version's
     * processor has read; otherwise how far the live processor has.
     */
    public RebuildProgress progress(String name) {
        StreamingEventProcessor processor = rebuilds.processor(name);
        RebuildRequest request = rebuilds.latest(name)
                .orElseThrow(() -> new NotFoundException("no rebuild of " + name + " was requested"));
        long position;
        if (request.phase() == Phase.REPLAYING || request.phase() == Phase.SWITCHING) {
            String next = VersionedProjection.named(name).orElseThrow().nextProcessor();
            position = position(rebuilds.nextProcessor(name).orElse(processor), tokens.segments(next));
        } else {
            position = position(processor, tokens.segments(name));
        }
        return RebuildProgress.of(request, position, tokens.head(), rebuilds.liveVersion(name));
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
                                    boolean rebuilding, Integer liveVersion, Integer buildingVersion) {
        List<Segment> segments = tokens.segments(name);
        int claimedHere = (int) segments.stream().filter(s -> node.id().equals(s.owner())).count();
        boolean failing = processor.isError()
                || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        Status status = rebuilding ? Status.REBUILDING
                : failing ? Status.ERROR
                : processor.isRunning() ? Status.RUNNING
                : Status.STOPPED;
        return new ProjectionStatus(name, status, position(processor, segments), head, segments.size(),
                claimedHere, deadLetters, segments.stream().anyMatch(Segment::replaying),
                processor.supportsReset() && liveVersion != null, liveVersion, buildingVersion);
    }
}
