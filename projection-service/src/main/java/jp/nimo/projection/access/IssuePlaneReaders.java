package jp.nimo.projection.access;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.reference.Area;
import jp.nimo.reference.Councils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who reads the issue plane: secretariats, council members and observers read the issues of the
 * areas their councils cover; analysts and auditors read all of it. Support workers and administrators
 * do not read issue material.
 */
@Component
public class IssuePlaneReaders {

    private static final Set<Role> READERS = EnumSet.of(Role.SECRETARIAT, Role.COUNCIL_MEMBER, Role.OBSERVER,
            Role.ANALYST, Role.AUDITOR);

    private final Councils councils;

    public IssuePlaneReaders(Councils councils) {
        this.councils = councils;
    }

    public void requireReader(NimoUser user) {
        if (user.roles().stream().noneMatch(READERS::contains)) {
            throw new AccessDeniedException("issue material is for councils, analysts and auditors");
        }
    }

    /**
     * Whether the user sees an issue about this area (the most specific of the three given) or on the
     * agenda of {@code councilId}: a council keeps reading an issue it holds after its scope widened.
     */
    public boolean sees(NimoUser user, String councilId, String municipality, String region, String prefecture) {
        if (user.hasRole(Role.ANALYST) || user.hasRole(Role.AUDITOR)) {
            return true;
        }
        if (councilId != null && user.councils().contains(councilId)) {
            return true;
        }
        Area area = municipality != null ? Area.municipality(municipality)
                : region != null ? Area.region(region) : Area.prefecture(prefecture);
        return user.councils().stream().map(councils::council).flatMap(Optional::stream).anyMatch(c -> c.covers(area));
    }
}
