package jp.nimo.projection.admin;

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
public class ProjectionAdminController {

    private final Projections projections;
    private final ProjectionRebuilds rebuilds;

    public ProjectionAdminController(Projections projections, ProjectionRebuilds rebuilds) {
        this.projections = projections;
        this.rebuilds = rebuilds;
    }

    @GetMapping("/api/admin/projections")
    public Map<String, List<ProjectionStatus>> projections(@AuthenticationPrincipal NimoUser user) {
        adminOnly(user);
        return Map.of("projections", projections.all());
    }

    /** 202: every node stops the processor, one resets it, all replay; progress at GET of the same path. */
    @PostMapping("/api/admin/projections/{name}/rebuild")
    public ResponseEntity<RebuildProgress> rebuild(@PathVariable("name") String name,
                                                   @AuthenticationPrincipal NimoUser user) {
        adminOnly(user);
        rebuilds.request(name, user.username());
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/projections/" + name + "/rebuild"))
                .body(projections.progress(name));
    }

    @GetMapping("/api/admin/projections/{name}/rebuild")
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
