package jp.nimo.projection.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A projection's processor as an operator sees it.
 *
 * @param status      REBUILDING while a rebuild request is open (on any node), ERROR when this node's
 *                    processor is failing, RUNNING or STOPPED otherwise
 * @param position    the lowest global index reached across all segments (on every node); 0 before any
 * @param head        the global index of the newest event in the log
 * @param segments    segments of the processor in the token table
 * @param claimedHere segments this node holds
 * @param deadLetters events parked in the processor's dead-letter queue
 * @param replaying   whether a segment is still replaying the log
 * @param rebuildable whether a rebuild may be requested (the audit chain may not)
 */
public record ProjectionStatus(String name, Status status, long position, long head, int segments, int claimedHere,
                               long deadLetters, boolean replaying, boolean rebuildable,
                               @Schema(description = "The version of the projection's tables that readers see;"
                                       + " absent for a projection that is never rebuilt.", nullable = true)
                               Integer liveVersion,
                               @Schema(description = "The version a running rebuild builds while the live one"
                                       + " answers; absent when none is being built.", nullable = true)
                               Integer buildingVersion) {

    public enum Status {
        RUNNING,
        REBUILDING,
        STOPPED,
        ERROR
    }
}
