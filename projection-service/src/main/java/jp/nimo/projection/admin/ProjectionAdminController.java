package jp.nimo.projection.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The read side's projections for the operator (ADMIN): their state, and rebuilds from the event store. */
@RestController
@Tag(name = "admin")
public class ProjectionAdminController {

    private final Projections projections;
    private final ProjectionRebuilds rebuilds;

    public ProjectionAdminController(Projections projections, ProjectionRebuilds rebuilds) {
        this.projections = projections;
        this.rebuilds = rebuilds;
    }

    @GetMapping("/api/admin/projections")
    @Operation(operationId = "listProjections",
            summary = "List the projections", description = "ADMIN: each projection's status, its position against"
            + " the log's head, its segments and whether it may be rebuilt.")
    @ApiResponse(responseCode = "200", description = "The projections.")
    @ProblemAnswers({403})
    public ProjectionList projections(@AuthenticationPrincipal NimoUser user) {
        adminOnly(user);
        return new ProjectionList(projections.all());
    }

    /** Every projection's status: a record, so that the document describes it from the code. */
    public record ProjectionList(List<ProjectionStatus> projections) {
    }

    /** 202: a new version is built beside the live one, then replaces it; progress at GET of the same path. */
    @PostMapping("/api/admin/projections/{name}/rebuild")
    @Operation(operationId = "rebuildProjection",
            summary = "Rebuild a projection", description = "ADMIN: every node replays the log into the next version"
            + " of the projection's tables while the live version keeps answering; once the new version has caught"
            + " up, readers switch to it and the old version is dropped. Progress at GET of the same path (Location).")
    @ApiResponse(responseCode = "202", description = "The rebuild was requested.")
    @ProblemAnswers({403, 404, 409, 422})
    public ResponseEntity<RebuildProgress> rebuild(@PathVariable("name") String name,
                                                   @AuthenticationPrincipal NimoUser user) {
        adminOnly(user);
        rebuilds.request(name, user.username());
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/projections/" + name + "/rebuild"))
                .body(projections.progress(name));
    }

    @GetMapping("/api/admin/projections/{name}/rebuild")
    @Operation(operationId = "getRebuildProgress",
            summary = "Follow a rebuild", description = "ADMIN: the latest rebuild of the projection and how far it"
            + " has come.")
    @ApiResponse(responseCode = "200", description = "The rebuild's progress.")
    @ProblemAnswers({403, 404})
    public RebuildProgress progress(@PathVariable("name") String name, @AuthenticationPrincipal NimoUser user) {
        adminOnly(user);
        return projections.progress(name);
    }

    static void adminOnly(NimoUser user) {
        if (!user.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("projection administration is for ADMIN");
        }
    }
}
