package jp.nimo.projection.issueplane.board;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jp.nimo.issues.Population;
import jp.nimo.issues.Scope;
import jp.nimo.reference.Area;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.MunicipalityCode;

/**
 * An issue's scope as the read side shows it: a municipality issue names its region too, so that a
 * region's board finds it; a region issue has no municipality; a prefecture issue names only the
 * prefecture.
 */
public record ScopeView(String category, @JsonIgnore AreaLevel level, String municipality, String region,
                        String prefecture, Population population) {

    public static ScopeView of(Scope scope, Areas areas) {
        Area area = scope.area();
        return switch (area.level()) {
            case MUNICIPALITY -> new ScopeView(scope.category(), AreaLevel.MUNICIPALITY, area.code(),
                    areas.municipality(MunicipalityCode.of(area.code())).map(m -> m.region().value()).orElse(null),
                    null, scope.population());
            case REGION -> new ScopeView(scope.category(), AreaLevel.REGION, null, area.code(), null, scope.population());
            case PREFECTURE -> new ScopeView(scope.category(), AreaLevel.PREFECTURE, null, null, area.code(),
                    scope.population());
        };
    }

    /** The code of the area itself. */
    @JsonIgnore
    public String areaCode() {
        return switch (level) {
            case MUNICIPALITY -> municipality;
            case REGION -> region;
            case PREFECTURE -> prefecture;
        };
    }
}
