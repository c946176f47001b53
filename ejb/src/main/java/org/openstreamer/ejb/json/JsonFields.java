package org.openstreamer.ejb.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.service.ConfigException;

import java.util.Set;

/**
 * Strict, typed reading of one JSON object of a request: keys outside {@code known} are refused
 * (400 {@code unknown_key}), values of the wrong type too (400 {@code invalid_type}), each error
 * naming the field by its path ({@code srt_publish.passphrase}, {@code inputs[2].url}). A key
 * with the value null reads as absent.
 */
public final class JsonFields {

    private final JsonObject object;
    private final String path;

    private JsonFields(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    /** Reads {@code value}, found at {@code field} (null for the body itself), as an object of {@code known} keys. */
    public static JsonFields of(JsonValue value, String field, Set<String> known) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw wrongType(field, "an object");
        }
        JsonFields f = new JsonFields(value.asJsonObject(), field == null ? "" : field + ".");
        for (String key : f.object.keySet()) {
            if (!known.contains(key)) {
                throw ConfigException.invalid(ConfigException.UNKNOWN_KEY, f.field(key), "Unknown key '" + key + "'.");
            }
        }
        return f;
    }

    String field(String key) {
        return path + key;
    }

    boolean has(String key) {
        JsonValue v = object.get(key);
        return v != null && v != JsonValue.NULL;
    }

    JsonValue value(String key) {
        return has(key) ? object.get(key) : null;
    }

    String string(String key) {
        JsonValue v = value(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw wrongType(field(key), "a string");
        }
        return s.getString();
    }

    Integer integer(String key) {
        JsonValue v = value(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw wrongType(field(key), "an integer");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw ConfigException.invalid(ConfigException.INVALID_VALUE, field(key), field(key) + " is out of range.");
        }
    }

    int integer(String key, int absent) {
        Integer v = integer(key);
        return v == null ? absent : v;
    }

    boolean bool(String key, boolean absent) {
        JsonValue v = value(key);
        if (v == null) {
            return absent;
        }
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw wrongType(field(key), "true or false");
        }
        return v == JsonValue.TRUE;
    }

    JsonObject object(String key) {
        JsonValue v = value(key);
        if (v != null && v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw wrongType(field(key), "an object");
        }
        return v == null ? null : v.asJsonObject();
    }

    JsonArray array(String key) {
        JsonValue v = value(key);
        if (v != null && v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw wrongType(field(key), "an array");
        }
        return v == null ? JsonValue.EMPTY_JSON_ARRAY : v.asJsonArray();
    }

    public static ConfigException wrongType(String field, String expected) {
        return ConfigException.invalid(ConfigException.INVALID_TYPE, field,
                (field == null ? "The body" : field) + " must be " + expected + ".");
    }
}
