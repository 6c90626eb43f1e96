package io.opsbot.dashboard.web;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart as the page's script draws it with Chart.js: its kind, the labels along the x axis and the series, written
 * as JSON into a {@code data-chart} attribute (no inline script, so the page's Content-Security-Policy stays strict).
 */
@Component
public class Charts {

    private final JsonMapper json;

    public Charts(JsonMapper json) {
        this.json = json;
    }

    /** One series: its name and a value per label (null where there is none). */
    public record Series(String label, List<? extends Number> values) {
    }

    /**
     * @param kind    {@code line}, {@code bar} (stacked) or {@code progress} (a line chart of 0-100%)
     * @param options extra settings the script understands (a second axis for confidence, a y-axis title)
     */
    public String chart(String kind, List<String> labels, List<Series> series, Map<String, Object> options) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", kind);
        spec.put("labels", labels);
        List<Map<String, Object>> sets = new ArrayList<>();
        for (Series s : series) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("label", s.label());
            set.put("data", s.values());
            sets.add(set);
        }
        spec.put("series", sets);
        spec.put("options", options);
        return json.writeValueAsString(spec);
    }
}
