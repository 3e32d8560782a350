package jp.nimo.reference;

import java.util.List;

/**
 * A council (協議の場) at one level, the municipalities and regions it covers, and the organisation
 * that runs its secretariat (often a private provider, not the government).
 */
public record Council(String id, Label label, AreaLevel level, List<String> municipalities, List<String> regions,
                      String secretariat) {

    public Council {
        municipalities = List.copyOf(municipalities);
        regions = List.copyOf(regions);
    }

    /**
     * Whether an issue about the area may be on this council's agenda: a prefecture's council covers the
     * prefecture (whose municipality codes begin with its code), its regions and its municipalities.
     */
    public boolean covers(Area area) {
        return switch (area.level()) {
            case MUNICIPALITY -> municipalities.contains(area.code());
            case REGION -> regions.contains(area.code());
            case PREFECTURE -> level == AreaLevel.PREFECTURE
                    && municipalities.stream().anyMatch(m -> m.startsWith(area.code()));
        };
    }

    /** Whether the other council's area lies inside this one's: every municipality it covers, this one covers. */
    public boolean contains(Council other) {
        return !other.municipalities.isEmpty() && municipalities.containsAll(other.municipalities);
    }

    /**
     * The area this council holds issues about, where it is one: its municipality, its region, or its
     * prefecture; empty for a council over several areas of its level.
     */
    public java.util.Optional<Area> area() {
        return switch (level) {
            case MUNICIPALITY -> municipalities.size() == 1
                    ? java.util.Optional.of(Area.municipality(municipalities.get(0))) : java.util.Optional.empty();
            case REGION -> regions.size() == 1 ? java.util.Optional.of(Area.region(regions.get(0)))
                    : java.util.Optional.empty();
            case PREFECTURE -> municipalities.stream().map(m -> m.substring(0, 2)).distinct().count() == 1
                    ? java.util.Optional.of(Area.prefecture(municipalities.get(0).substring(0, 2)))
                    : java.util.Optional.empty();
        };
    }
}
