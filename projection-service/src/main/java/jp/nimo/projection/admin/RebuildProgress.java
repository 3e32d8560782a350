package jp.nimo.projection.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jp.nimo.projection.admin.RebuildRequest.Phase;

import java.time.Instant;

/**
 * How far a rebuild got: while the next version replays, its processor's lowest position against the head
 * of the log at the reset; done once that version is live.
 *
 * @param status REBUILDING, DONE or FAILED
 * @param phase  while REBUILDING: RELEASING (nodes stopping the next-version processor), REPLAYING (the next
 *               version being built while the live one answers) or SWITCHING (the nodes stopping both
 *               processors for the switch)
 */
public record RebuildProgress(String name, long rebuildId, String status, Phase phase, String requestedBy,
                              Instant requestedAt, Instant releaseDeadline, String resetNode, Instant resetAt,
                              Instant finishedAt, long position, long head, double progress, boolean done,
                              String detail,
                              @Schema(description = "The version of the projection's tables that readers see now.")
                              int liveVersion,
                              @Schema(description = "The version this rebuild builds (or built), once its tables were"
                                      + " created; it becomes the live version when the rebuild is done.",
                                      nullable = true)
                              Integer buildingVersion) {

    static RebuildProgress of(RebuildRequest request, long position, long currentHead, int liveVersion) {
        long head = request.headAtReset() != null ? request.headAtReset() : currentHead;
        boolean done = request.phase() == Phase.DONE;
        String status = request.phase().active() ? "REBUILDING" : request.phase().name();
        double progress = switch (request.phase()) {
            case DONE -> 1;
            case REPLAYING, SWITCHING -> head == 0 ? 1 : Math.min(1.0, Math.floor(1000.0 * position / head) / 1000.0);
            case RELEASING, FAILED -> 0;
        };
        return new RebuildProgress(request.processor(), request.id(), status,
                request.phase().active() ? request.phase() : null, request.requestedBy(), request.requestedAt(),
                request.releaseDeadline(), request.resetNode(), request.resetAt(), request.finishedAt(), position, head,
                progress, done, request.detail(), liveVersion, request.version());
    }
}
