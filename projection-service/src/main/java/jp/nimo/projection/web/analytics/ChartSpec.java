package jp.nimo.projection.web.analytics;

import jp.nimo.projection.web.DataBlock;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart as the pages' script draws it, written as the JSON data block next to its canvas. The JSON
 * is safe inside a script element: no "&lt;/" can close it early.
 */
public final class ChartSpec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String type;
    private final List<String> labels;
    private final String yTitle;
    private final List<Map<String, Object>> datasets = new ArrayList<>();

    public ChartSpec(String type, List<String> labels, String yTitle) {
        this.type = type;
        this.labels = labels;
        this.yTitle = yTitle;
    }

    /** A series; a null value is a gap (a hidden small count is not drawn as zero). */
    public ChartSpec dataset(String label, List<? extends Number> data, boolean dashed) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("label", label);
        set.put("data", data);
        if (dashed) {
            set.put("dashed", true);
        }
        datasets.add(set);
        return this;
    }

    public String json() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", type);
        spec.put("labels", labels);
        spec.put("datasets", datasets);
        spec.put("yTitle", yTitle);
        return DataBlock.json(JSON, spec);
    }
}
