package jp.nimo.projection.councils;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.projection.access.IssuePlaneReaders;
import jp.nimo.reference.AreaLevel;
import org.springframework.stereotype.Component;

/**
 * Who reads a council and its meetings: the readers of the issue plane, for the councils whose issues they
 * read — analysts and auditors all; secretariats, members and observers their own councils and the
 * councils of the areas their councils cover (a region's council sees its municipalities' councils).
 */
@Component
public class CouncilReaders {

    private final IssuePlaneReaders readers;

    public CouncilReaders(IssuePlaneReaders readers) {
        this.readers = readers;
    }

    public void requireReader(NimoUser user) {
        readers.requireReader(user);
    }

    /** {@code level} and {@code area} of the council; null when the read side does not know the council. */
    public boolean sees(NimoUser user, String councilId, String level, String area) {
        if (user.hasRole(Role.ANALYST) || user.hasRole(Role.AUDITOR) || user.councils().contains(councilId)) {
            return true;
        }
        if (level == null) {
            // a council not (yet) designated on the read side covers no area
            return false;
        }
        try {
            return switch (AreaLevel.valueOf(level)) {
                case MUNICIPALITY -> readers.sees(user, null, area, null, null);
                case REGION -> readers.sees(user, null, null, area, null);
                case PREFECTURE -> readers.sees(user, null, null, null, area);
            };
        } catch (IllegalArgumentException e) {
            // an area the reference data does not know is covered by no council's reader
            return false;
        }
    }
}
