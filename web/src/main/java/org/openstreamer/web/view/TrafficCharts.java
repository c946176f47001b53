package org.openstreamer.web.view;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.openstreamer.ejb.service.StatsHistory;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToLongFunction;

/** The dashboard's two charts as Chart.js configurations (what {@code p:chart} takes), from the per-minute statistics. */
final class TrafficCharts {

    static final String EMPTY = "{\"type\":\"line\",\"data\":{\"labels\":[],\"datasets\":[]}}";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final List<StatsHistory.Minute> minutes;

    TrafficCharts(List<StatsHistory.Minute> minutes) {
        this.minutes = minutes;
    }

    String bitrate() {
        return chart(dataset("Input kbit/s", "#2e7d32", StatsHistory.Minute::bitrateIn),
                dataset("Output kbit/s", "#1565c0", StatsHistory.Minute::bitrateOut));
    }

    String viewers() {
        return chart(dataset("Viewers", "#6a1b9a", StatsHistory.Minute::clients));
    }

    private JsonObject dataset(String label, String colour, ToLongFunction<StatsHistory.Minute> value) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        minutes.forEach(m -> data.add(value.applyAsLong(m)));
        return Json.createObjectBuilder().add("label", label).add("borderColor", colour).add("fill", false)
                .add("data", data).build();
    }

    private String chart(JsonObject... datasets) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        minutes.forEach(m -> labels.add(HH_MM.format(m.minute())));
        JsonArrayBuilder sets = Json.createArrayBuilder();
        for (JsonObject d : datasets) {
            sets.add(d);
        }
        return Json.createObjectBuilder().add("type", "line")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", sets))
                .add("options", Json.createObjectBuilder().add("animation", false)
                        .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true))))
                .build().toString();
    }
}
