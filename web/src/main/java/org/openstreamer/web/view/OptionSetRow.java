package org.openstreamer.web.view;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.io.Serializable;

/**
 * A row of the publish locations or templates table: its key (a location's prefix, a template's
 * name), the prefix its streams are under, and a short summary of what they get.
 */
public record OptionSetRow(String key, String prefix, String summary) implements Serializable {

    static OptionSetRow of(String key, String prefix, JsonObject json) {
        StringBuilder s = new StringBuilder();
        if (json.get("inputs") instanceof JsonArray in && !in.isEmpty()) {
            s.append("from ").append(in.getJsonObject(0).getString("url", "?"));
            if (in.size() > 1) {
                s.append(" (+").append(in.size() - 1).append(')');
            }
        }
        count(s, json, "pushes", "push");
        if (json.containsKey("dvr")) {
            s.append(s.isEmpty() ? "" : ", ").append("DVR");
        }
        if (json.containsKey("on_publish")) {
            s.append(s.isEmpty() ? "" : ", ").append("on_publish");
        }
        return new OptionSetRow(key, prefix, s.toString());
    }

    private static void count(StringBuilder s, JsonObject json, String key, String word) {
        if (json.get(key) instanceof JsonArray a && !a.isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ").append(a.size()).append(' ').append(word).append(a.size() == 1 ? "" : "es");
        }
    }
}
