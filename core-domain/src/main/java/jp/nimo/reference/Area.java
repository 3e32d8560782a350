package jp.nimo.reference;

import java.util.Objects;

/** An area an issue is about: a municipality, a region or a prefecture, by its code. */
public record Area(AreaLevel level, String code) {

    public Area {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(code, "code");
        switch (level) {
            case MUNICIPALITY -> MunicipalityCode.of(code);
            case REGION -> RegionCode.of(code);
            case PREFECTURE -> {
                if (!code.matches("\\d{2}")) {
                    throw new IllegalArgumentException("a prefecture code has two digits, e.g. 13");
                }
            }
        }
    }

    public static Area municipality(String code) {
        return new Area(AreaLevel.MUNICIPALITY, code);
    }

    public static Area region(String code) {
        return new Area(AreaLevel.REGION, code);
    }

    public static Area prefecture(String code) {
        return new Area(AreaLevel.PREFECTURE, code);
    }

    @Override
    public String toString() {
        return level.name().toLowerCase() + " " + code;
    }
}
