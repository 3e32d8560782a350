package jp.nimo.projection.councils;

import jp.nimo.projection.admin.ProcessorTokens;
import jp.nimo.projection.admin.ProcessorTokens.Segment;
import jp.nimo.projection.indicators.IndicatorProjection;
import jp.nimo.projection.issueplane.board.IssueBoardProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, a bounded time, until the processors a pack reads (the issue plane, the indicators, councils and
 * meetings) have handled every event stored before the request: the pack at a cut-off must not miss an
 * event recorded before the cut-off that the read side has not reached yet.
 */
@Component
public class ReadSideCaughtUp {

    static final List<String> PACK_PROCESSORS = List.of(IssueBoardProjection.ISSUE_PLANE, IndicatorProjection.NAME,
            CouncilProjection.NAME);

    private final ProcessorTokens tokens;
    private final Duration timeout;

    public ReadSideCaughtUp(ProcessorTokens tokens,
                            @Value("${nimo.pack.catch-up-timeout:5s}") Duration timeout) {
        this.tokens = tokens;
        this.timeout = timeout;
    }

    /** Whether the processors reached the log's head as it is now within the timeout. */
    public boolean await() {
        long head = tokens.head();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (PACK_PROCESSORS.stream().allMatch(p -> reached(p, head))) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            // the processors store their positions at least every second while idle
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private boolean reached(String processor, long head) {
        List<Segment> segments = tokens.segments(processor);
        if (segments.isEmpty()) {
            return head == 0;
        }
        for (Segment segment : segments) {
            if (segment.replaying() || segment.position().orElse(-1) < head
                    || segment.gaps().stream().anyMatch(gap -> gap <= head)) {
                return false;
            }
        }
        return true;
    }
}
