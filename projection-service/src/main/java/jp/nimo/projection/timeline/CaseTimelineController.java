package jp.nimo.projection.timeline;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's timeline, for the workers of the organisation whose caseload holds it and for auditors.
 * A worker of another organisation gets the same 404 as for a case that does not exist.
 */
@RestController
public class CaseTimelineController {

    private final CaseTimelineQueries queries;

    public CaseTimelineController(CaseTimelineQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/cases/{caseId}/timeline")
    public CaseTimeline timeline(@PathVariable("caseId") String caseId, @AuthenticationPrincipal NimoUser user) {
        if (!user.hasRole(Role.SUPPORT_WORKER) && !user.hasRole(Role.AUDITOR)) {
            throw new AccessDeniedException("case data is for support workers and auditors");
        }
        boolean mayRead = queries.organisationOf(caseId)
                .map(organisation -> user.hasRole(Role.AUDITOR) || organisation.equals(user.organisation()))
                .orElse(false);
        if (!mayRead) {
            throw new NotFoundException("no such case");
        }
        return queries.timeline(caseId).orElseThrow(() -> new NotFoundException("no such case"));
    }
}
