package org.openstreamer.ejb.model;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/** JSON object text as stored in jsonb columns, read back into JSON-P values. */
final class JsonText {

    private JsonText() {
    }

    static JsonObject object(String text) {
        if (text == null || text.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
