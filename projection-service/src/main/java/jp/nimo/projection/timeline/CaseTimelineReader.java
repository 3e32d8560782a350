package jp.nimo.projection.timeline;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.access.AccessBasis;
import jp.nimo.projection.access.CaseAccess;
import jp.nimo.validation.Uuids;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one way to a case's timeline, for the API and the pages alike: workers of the involved
 * organisations, auditors and break-glass holders; the read is logged before any data leaves, and a
 * refused case reads exactly like one that does not exist.
 */
@Component
public class CaseTimelineReader {

    public static final String ACTION = "TIMELINE_READ";

    private final CaseTimelineQueries queries;
    private final CaseAccess access;

    public CaseTimelineReader(CaseTimelineQueries queries, CaseAccess access) {
        this.queries = queries;
        this.access = access;
    }

    public CaseTimeline read(NimoUser user, String caseId) {
        if (!user.hasRole(Role.SUPPORT_WORKER) && !user.hasRole(Role.AUDITOR)) {
            throw new AccessDeniedException("case data is for support workers and auditors");
        }
        AccessBasis basis = access.basis(user, caseId);
        access.record(user, caseId, ACTION, basis, null);
        if (basis == AccessBasis.DENIED) {
            throw new NotFoundException("no such case");
        }
        return queries.timeline(Uuids.canonical(caseId, "case id")).orElseThrow(() -> new NotFoundException("no such"
                + " case"));
    }
}
