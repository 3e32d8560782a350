package jp.nimo.projection.web.audit;

import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Label;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.RegionCode;
import org.springframework.stereotype.Component;

/** The reference data's names of an issue's area and category, so that no page shows a bare code. */
@Component
public class AreaNames {

    private final Areas areas;
    private final Categories categories;

    public AreaNames(Areas areas, Categories categories) {
        this.areas = areas;
        this.categories = categories;
    }

    /** The narrowest area named: the municipality, else the region, else the prefecture. */
    public Label area(String municipality, String region, String prefecture) {
        try {
            if (municipality != null) {
                return areas.municipality(MunicipalityCode.of(municipality)).map(m -> m.label())
                        .orElse(new Label(municipality, municipality));
            }
            if (region != null) {
                return areas.region(RegionCode.of(region)).map(r -> r.label()).orElse(new Label(region, region));
            }
        } catch (IllegalArgumentException e) {
            return new Label(municipality != null ? municipality : region, municipality != null ? municipality : region);
        }
        if (prefecture != null) {
            Label label = areas.prefectures().get(prefecture);
            return label != null ? label : new Label(prefecture, prefecture);
        }
        return null;
    }

    public Label category(String code) {
        if (code == null) {
            return null;
        }
        return categories.category(code).map(c -> c.label()).orElse(new Label(code, code));
    }
}
