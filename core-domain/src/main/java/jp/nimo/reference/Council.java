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
}
