package jp.nimo.detection;

import jp.nimo.reference.Area;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Council;
import jp.nimo.reference.Councils;
import jp.nimo.reference.MunicipalityCode;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The detection rules in force: per council and category, per council, per category, and the default.
 * For a signal in a municipality the most specific rule wins, looking at the councils that cover the
 * municipality from the smallest (the municipality's own) to Tokyo's.
 */
public final class RuleBook {

    public static final String ANY = "*";

    /** Where a rule applies: a council (or any) and a category (or any). */
    public record RuleScope(String councilId, String category) {
    }

    /** The rule that decides a signal, and the area the signal is counted in under it. */
    public record Applied(DetectionRule rule, Area area) {
    }

    private final Map<RuleScope, DetectionRule> rules = new HashMap<>();
    private final Councils councils;
    private final Areas areas;

    public RuleBook(Councils councils, Areas areas) {
        this.councils = councils;
        this.areas = areas;
    }

    /** Sets (or with {@code rule == null}, removes) the rule for a scope. */
    public void set(RuleScope scope, DetectionRule rule) {
        if (rule == null) {
            rules.remove(scope);
        } else {
            rules.put(scope, rule);
        }
    }

    public Map<RuleScope, DetectionRule> rules() {
        return Map.copyOf(rules);
    }

    public Applied ruleFor(MunicipalityCode municipality, String category) {
        List<Council> covering = councils.all().stream()
                .filter(c -> c.covers(Area.municipality(municipality.value())))
                .sorted(Comparator.comparingInt(c -> c.level().ordinal()))
                .toList();
        DetectionRule rule = null;
        for (Council council : covering) {
            rule = Optional.ofNullable(rules.get(new RuleScope(council.id(), category)))
                    .orElse(rules.get(new RuleScope(council.id(), ANY)));
            if (rule != null) {
                break;
            }
        }
        if (rule == null) {
            rule = Optional.ofNullable(rules.get(new RuleScope(ANY, category)))
                    .or(() -> Optional.ofNullable(rules.get(new RuleScope(ANY, ANY))))
                    .orElse(DetectionRule.DEFAULT);
        }
        Area area = rule.areaLevel() == AreaLevel.REGION
                ? Area.region(areas.regionOf(municipality).value())
                : Area.municipality(municipality.value());
        return new Applied(rule, area);
    }
}
