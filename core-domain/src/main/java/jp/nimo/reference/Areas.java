package jp.nimo.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The municipalities and regions Nimo knows, loaded from {@code reference/tokyo-municipalities.csv}
 * (with English names from {@code reference/tokyo-areas-en.csv}).
 */
public final class Areas {

    /** The version of the area reference data; bump it with any change to the files. */
    public static final int VERSION = 1;

    private final Map<MunicipalityCode, Municipality> municipalities;
    private final Map<RegionCode, Region> regions;
    private final Map<String, Label> prefectures;

    private Areas(Map<MunicipalityCode, Municipality> municipalities, Map<RegionCode, Region> regions,
                  Map<String, Label> prefectures) {
        this.municipalities = Collections.unmodifiableMap(municipalities);
        this.regions = Collections.unmodifiableMap(regions);
        this.prefectures = Collections.unmodifiableMap(prefectures);
    }

    public static Areas load() {
        Map<String, String> english = new HashMap<>();
        for (String[] row : ReferenceFiles.csvRows("tokyo-areas-en.csv")) {
            english.put(row[0], row[1]);
        }
        Map<MunicipalityCode, Municipality> municipalities = new LinkedHashMap<>();
        Map<RegionCode, List<MunicipalityCode>> members = new LinkedHashMap<>();
        Map<RegionCode, Label> regionLabels = new LinkedHashMap<>();
        Map<RegionCode, String> regionPrefectures = new HashMap<>();
        Map<String, Label> prefectures = new LinkedHashMap<>();
        for (String[] row : ReferenceFiles.csvRows("tokyo-municipalities.csv")) {
            MunicipalityCode code = MunicipalityCode.of(row[0]);
            RegionCode region = RegionCode.of(row[2]);
            String prefecture = row[4];
            municipalities.put(code, new Municipality(code, new Label(row[1], english.getOrDefault(row[0], row[1])),
                    region, prefecture));
            members.computeIfAbsent(region, r -> new ArrayList<>()).add(code);
            regionLabels.putIfAbsent(region, new Label(row[3], english.getOrDefault(row[2], row[3])));
            regionPrefectures.putIfAbsent(region, prefecture);
            prefectures.putIfAbsent(prefecture, new Label(row[5], english.getOrDefault(prefecture, row[5])));
        }
        Map<RegionCode, Region> regions = new LinkedHashMap<>();
        members.forEach((code, list) ->
                regions.put(code, new Region(code, regionLabels.get(code), regionPrefectures.get(code), list)));
        return new Areas(municipalities, regions, prefectures);
    }

    public Optional<Municipality> municipality(MunicipalityCode code) {
        return Optional.ofNullable(municipalities.get(code));
    }

    public Optional<Region> region(RegionCode code) {
        return Optional.ofNullable(regions.get(code));
    }

    public boolean isKnown(MunicipalityCode code) {
        return municipalities.containsKey(code);
    }

    public Collection<Municipality> municipalities() {
        return municipalities.values();
    }

    public Collection<Region> regions() {
        return regions.values();
    }

    public Map<String, Label> prefectures() {
        return prefectures;
    }

    /** The region of a known municipality. */
    public RegionCode regionOf(MunicipalityCode code) {
        Municipality municipality = municipalities.get(code);
        if (municipality == null) {
            throw new IllegalArgumentException("unknown municipality " + code);
        }
        return municipality.region();
    }
}
