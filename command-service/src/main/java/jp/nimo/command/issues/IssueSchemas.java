package jp.nimo.command.issues;

import io.swagger.v3.oas.models.media.Schema;
import jp.nimo.infra.openapi.ComponentSchemas;
import jp.nimo.issues.Actual;
import jp.nimo.issues.IssueAction;
import jp.nimo.issues.IssueOrigin;
import jp.nimo.issues.IssueState;
import jp.nimo.issues.Meeting;
import jp.nimo.issues.Population;
import jp.nimo.issues.Target;
import jp.nimo.reference.AreaLevel;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Map;

/** The enumerations of the issue and detection bodies, from the domain's own enums. */
@Component
public class IssueSchemas implements ComponentSchemas {

    @Override
    public Map<String, Schema<?>> schemas() {
        return Map.of(
                "IssueState", ComponentSchemas.enumOf(IssueState.class, "Where the issue stands in the council lifecycle."),
                "IssueOrigin", ComponentSchemas.enumOf(IssueOrigin.class, "How the issue came up."),
                "Population", ComponentSchemas.enumOf(Population.class,
                        "Whom the issue concerns (default MENTAL_DISABILITY)."),
                "MeetingFormat", ComponentSchemas.enumOf(Meeting.Format.class, "How the meeting was held."),
                "TargetDirection", ComponentSchemas.enumOf(Target.Direction.class, "Which way counts as better."),
                "ActualSource", ComponentSchemas.enumOf(Actual.Source.class, "Where the figure comes from."),
                "AreaLevel", ComponentSchemas.enumOf(AreaLevel.class, "The level of area a rule counts within."),
                "IssueActionName", ComponentSchemas.enumOf(Arrays.stream(IssueAction.values()).map(IssueAction::path).toList(),
                        "A step of the lifecycle, as it appears in the path."));
    }
}
