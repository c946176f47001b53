package org.openstreamer.web.view;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.math.BigDecimal;

/**
 * Form text to API JSON and back, for the console's forms that hand what is typed to the API's own
 * readers: a number field holding "12x" goes to the reader as a string and comes back as its type
 * error, named like the API names it.
 */
final class FormJson {

    private FormJson() {
    }

    /** Blank: absent (null); a whole number where one is expected: a number; anything else: a string for the reader to judge. */
    static JsonValue value(String text, boolean number) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (number) {
            try {
                return Json.createValue(new BigDecimal(t).longValueExact());
            } catch (ArithmeticException | NumberFormatException e) {
                return Json.createValue(t);
            }
        }
        return Json.createValue(t);
    }

    static void put(JsonObjectBuilder b, String key, JsonValue v) {
        if (v != null) {
            b.add(key, v);
        }
    }

    static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static JsonObject object(JsonObject json, String key) {
        return json != null && json.get(key) instanceof JsonObject o ? o : null;
    }

    /** A string or number member as text; null when absent or of another type. */
    static String text(JsonObject json, String key) {
        if (json == null) {
            return null;
        }
        JsonValue v = json.get(key);
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return null;
    }
}
