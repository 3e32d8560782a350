package jp.nimo.projection.shared;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who reads indicators and analytics (issue plane, aggregates only): analysts, secretariats, council
 * members, observers and auditors. Support workers work on cases and admins run the service; neither
 * reads these. Analysts, council members and observers see small counts suppressed.
 */
@Component
public class AggregateReaders {

    private static final Set<Role> READERS = EnumSet.of(Role.ANALYST, Role.SECRETARIAT, Role.COUNCIL_MEMBER,
            Role.OBSERVER, Role.AUDITOR);

    private final SmallCounts smallCounts;

    public AggregateReaders(SmallCounts smallCounts) {
        this.smallCounts = smallCounts;
    }

    /** What the user may see of counts; refused for a user with none of the reading roles. */
    public Disclosure admit(NimoUser user) {
        if (user == null || user.roles().stream().noneMatch(READERS::contains)) {
            throw new AccessDeniedException("indicators and analytics are read by analysts, secretariats, council"
                    + " members, observers and auditors");
        }
        return smallCounts.to(user);
    }

    /** A request for figures: the reader admitted, then the format read, before any answer is worked out. */
    public FiguresRequest ask(NimoUser user, String format, String accept) {
        Disclosure disclosure = admit(user);
        return new FiguresRequest(disclosure, CsvDownload.requested(format, accept));
    }
}
