package jp.nimo.projection.admin;

import jp.nimo.projection.admin.RebuildRequest.Phase;

import java.time.Instant;

/**
 * How far a rebuild got: while it runs, the processor's lowest position against the head of the log
 * (at the reset, once the tokens were reset); done once the position reaches that head.
 *
 * @param status REBUILDING, DONE or FAILED
 * @param phase  while REBUILDING: RELEASING (nodes stopping the processor) or REPLAYING
 */
public record RebuildProgress(String name, long rebuildId, String status, Phase phase, String requestedBy,
                              Instant requestedAt, Instant releaseDeadline, String resetNode, Instant resetAt,
                              Instant finishedAt, long position, long head, double progress, boolean done,
                              String detail) {

    static RebuildProgress of(RebuildRequest request, long position, long currentHead) {
        long head = request.headAtReset() != null ? request.headAtReset() : currentHead;
        boolean done = request.phase() == Phase.DONE;
        String status = request.phase().active() ? "REBUILDING" : request.phase().name();
        double progress = switch (request.phase()) {
            case DONE -> 1;
            case REPLAYING -> head == 0 ? 1 : Math.min(1.0, Math.floor(1000.0 * position / head) / 1000.0);
            case RELEASING, FAILED -> 0;
        };
        return new RebuildProgress(request.processor(), request.id(), status,
                request.phase().active() ? request.phase() : null, request.requestedBy(), request.requestedAt(),
                request.releaseDeadline(), request.resetNode(), request.resetAt(), request.finishedAt(), position, head,
                progress, done, request.detail());
    }
}
