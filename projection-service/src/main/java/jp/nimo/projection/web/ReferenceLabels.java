package jp.nimo.projection.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.reference.Area;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Category;
import jp.nimo.reference.Council;
import jp.nimo.reference.Councils;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Label;
import jp.nimo.reference.Municipality;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.Organisation;
import jp.nimo.reference.Organisations;
import jp.nimo.reference.Region;
import jp.nimo.reference.RegionCode;
import org.springframework.stereotype.Component;

/**
 * The names of the codes the pages show, from the reference data: categories, areas, councils,
 * event kinds, indicators and organisations. A code the data does not know is shown as it is.
 * Templates call it as {@code labels} with {@code fmt.label(...)}.
 */
@Component
public class ReferenceLabels {

    private final Areas areas;
    private final Categories categories;
    private final Councils councils;
    private final EventKindCatalogue kinds;
    private final Indicators indicators;
    private final Organisations organisations;

    public ReferenceLabels(Areas areas, Categories categories, Councils councils, EventKindCatalogue kinds,
                       Indicators indicators, Organisations organisations) {
        this.areas = areas;
        this.categories = categories;
        this.councils = councils;
        this.kinds = kinds;
        this.indicators = indicators;
        this.organisations = organisations;
    }

    public Label category(String code) {
        if (code == null) {
            return null;
        }
        return categories.category(code).map(Category::label).orElse(raw(code));
    }

    /** The most specific of the three: a municipality issue names its region too. */
    public Label area(String municipality, String region, String prefecture) {
        if (municipality != null) {
            return municipality(municipality);
        }
        if (region != null) {
            return region(region);
        }
        return prefecture == null ? raw("") : areas.prefectures().getOrDefault(prefecture, raw(prefecture));
    }

    public Label municipality(String code) {
        try {
            return areas.municipality(MunicipalityCode.of(code)).map(Municipality::label).orElse(raw(code));
        } catch (IllegalArgumentException e) {
            return raw(code);
        }
    }

    public Label region(String code) {
        try {
            return areas.region(RegionCode.of(code)).map(Region::label).orElse(raw(code));
        } catch (IllegalArgumentException e) {
            return raw(code);
        }
    }

    public java.util.Optional<Council> councilById(String id) {
        return councils.council(id);
    }

    /** The councils of the reference data (a designated council is found by its id). */
    public java.util.Collection<Council> councils() {
        return councils.all();
    }

    public Label council(String id) {
        return id == null ? null : councils.council(id).map(Council::label).orElse(raw(id));
    }

    public Label kind(String kind) {
        return kinds.kind(kind).map(EventKind::label).orElse(raw(kind));
    }

    public Label indicator(String code) {
        return indicators.indicator(code).map(Indicator::label).orElse(raw(code));
    }

    public Label organisation(String id) {
        return id == null ? null : organisations.organisation(id).map(Organisation::label).orElse(raw(id));
    }

    public Collection<Category> categories() {
        return categories.all();
    }

    public Collection<Indicator> indicators() {
        return indicators.all();
    }

    /** The councils a person works for; every council for those who read all areas (analysts, auditors). */
    public List<Council> councilsOf(NimoUser user) {
        if (readsEverything(user)) {
            return List.copyOf(councils.all());
        }
        return user.councils().stream().map(councils::council).flatMap(java.util.Optional::stream).toList();
    }

    /** The councils that cover an area: those an issue about it can be promoted or escalated to. */
    public List<Council> councilsCovering(Area area) {
        return councils.all().stream().filter(c -> c.covers(area)).toList();
    }

    /** The municipalities a person's councils cover, in the reference data's order. */
    public List<Municipality> municipalitiesOf(NimoUser user) {
        if (readsEverything(user)) {
            return List.copyOf(areas.municipalities());
        }
        Set<String> codes = new LinkedHashSet<>();
        councilsOf(user).forEach(c -> codes.addAll(c.municipalities()));
        List<Municipality> list = new ArrayList<>();
        for (Municipality m : areas.municipalities()) {
            if (codes.contains(m.code().value())) {
                list.add(m);
            }
        }
        return list;
    }

    /** The regions a person's councils cover. */
    public List<Region> regionsOf(NimoUser user) {
        if (readsEverything(user)) {
            return List.copyOf(areas.regions());
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        for (Council c : councilsOf(user)) {
            for (String code : c.regions()) {
                areas.region(RegionCode.of(code)).ifPresent(r -> regions.putIfAbsent(code, r));
            }
        }
        return List.copyOf(regions.values());
    }

    private static boolean readsEverything(NimoUser user) {
        return user.hasRole(Role.ANALYST) || user.hasRole(Role.AUDITOR);
    }

    private static Label raw(String code) {
        return new Label(code, code);
    }
}
