package jp.nimo.command.automation.councils;

import jp.nimo.councils.CouncilEvent.CouncilDesignated;
import jp.nimo.infra.reference.DesignatedCouncils;
import jp.nimo.reference.Area;
import jp.nimo.reference.Councils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * When an ADMIN designates a council beyond the reference data, list it where both services find councils
 * by id, in the designation's transaction: an issue can be promoted to it as soon as it is answered.
 */
@Component
@ProcessingGroup(WhenCouncilDesignatedListIt.NAME)
public class WhenCouncilDesignatedListIt {

    public static final String NAME = "council-designation-lists-council";

    private final DesignatedCouncils designated;
    private final Councils councils;

    public WhenCouncilDesignatedListIt(DesignatedCouncils designated, Councils councils) {
        this.designated = designated;
        this.councils = councils;
    }

    @EventHandler
    void on(CouncilDesignated event) {
        if (councils.isReference(event.councilId())) {
            return;
        }
        designated.store(event.councilId(), new Area(event.level(), event.area()), event.name(), event.nameEn(),
                event.secretariat(), event.at());
    }
}
