package org.openstreamer.ejb.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/** JSON object text as stored in jsonb columns, read back into JSON-P values. */
public final class JsonText {

    private JsonText() {
    }

    public static JsonObject object(String text) {
        if (text == null || text.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
