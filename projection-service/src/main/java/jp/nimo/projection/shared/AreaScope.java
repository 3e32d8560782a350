package jp.nimo.projection.shared;

import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Label;
import jp.nimo.reference.Municipality;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.Region;
import jp.nimo.reference.RegionCode;

import java.util.List;
import java.util.Optional;

/** An area an answer gives figures for, and the municipalities whose counts add up to its own. */
public record AreaScope(AreaLevel level, String code, Label label, List<String> municipalities) {

    public AreaScope {
        municipalities = List.copyOf(municipalities);
    }

    public static AreaScope of(Municipality municipality) {
        return new AreaScope(AreaLevel.MUNICIPALITY, municipality.code().value(), municipality.label(),
                List.of(municipality.code().value()));
    }

    public static AreaScope of(Region region) {
        return new AreaScope(AreaLevel.REGION, region.code().value(), region.label(),
                region.municipalities().stream().map(MunicipalityCode::value).toList());
    }

    /** A municipality code (13110) or a region code (13-ku-seinambu) known to the reference data. */
    public static Optional<AreaScope> parse(String code, Areas areas) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            if (code.matches("\\d{5}")) {
                return areas.municipality(MunicipalityCode.of(code)).map(AreaScope::of);
            }
            return areas.region(RegionCode.of(code)).map(AreaScope::of);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the two areas share a municipality. */
    public boolean overlaps(AreaScope other) {
        return municipalities.stream().anyMatch(other.municipalities::contains);
    }

    /** The area as answers show it. */
    public View view() {
        return new View(level.name(), code, label.ja(), label.en());
    }

    public record View(String level, String code, String label, String labelEn) {
    }
}
