package jp.nimo.projection.web.analytics;

import jp.nimo.reference.Areas;
import jp.nimo.reference.Label;
import jp.nimo.reference.Municipality;
import jp.nimo.reference.Region;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/**
 * The areas an analyst can choose, as the reference data names them: each region (圏域) followed by its
 * municipalities, so that a select can group them. A region's code and a municipality's code never clash.
 */
@Component
public class AreaChoices {

    public record Choice(String code, Label label) {
    }

    public record Group(Choice region, List<Choice> municipalities) {
    }

    private final List<Group> groups;

    public AreaChoices(Areas areas) {
        this.groups = areas.regions().stream()
                .sorted(Comparator.comparing((Region r) -> r.code().value()))
                .map(r -> new Group(new Choice(r.code().value(), r.label()), r.municipalities().stream()
                        .map(areas::municipality)
                        .flatMap(java.util.Optional::stream)
                        .sorted(Comparator.comparing((Municipality m) -> m.code().value()))
                        .map(m -> new Choice(m.code().value(), m.label()))
                        .toList()))
                .toList();
    }

    public List<Group> groups() {
        return groups;
    }

    /** The first region: what the indicators page shows before anything is chosen. */
    public String firstRegion() {
        return groups.isEmpty() ? null : groups.get(0).region().code();
    }

    /** A municipality's label by its code, for evidence that names municipalities by code. */
    public Label municipality(String code) {
        for (Group group : groups) {
            for (Choice choice : group.municipalities()) {
                if (choice.code().equals(code)) {
                    return choice.label();
                }
            }
        }
        return new Label(code, code);
    }
}
