package org.openstreamer.ejb.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.error.ConfigException;

import java.util.List;
import java.util.Set;

/**
 * Typed reading of one JSON object: values of the wrong type are refused (400
 * {@code invalid_type}), each error naming the field by its path ({@code srt_publish.passphrase},
 * {@code inputs[2].url}). A key with the value null reads as absent. Keys outside those known are
 * refused (400 {@code unknown_key}) in strict mode, the API's; in lenient mode, for documents from
 * elsewhere (a configuration backend), they are skipped and their paths collected.
 */
public final class JsonFields {

    private final JsonObject object;
    private final String path;
    private final List<String> ignored; // null: strict

    private JsonFields(JsonObject object, String path, List<String> ignored) {
        this.object = object;
        this.path = path;
        this.ignored = ignored;
    }

    /** Reads {@code value}, found at {@code field} (null for the body itself), as an object of {@code known} keys. */
    public static JsonFields of(JsonValue value, String field, Set<String> known) {
        return create(value, field, known, null);
    }

    /** Like {@link #of}, but unknown keys are added to {@code ignored} (and to that of every nested object) instead. */
    public static JsonFields lenient(JsonValue value, String field, Set<String> known, List<String> ignored) {
        return create(value, field, known, ignored);
    }

    private static JsonFields create(JsonValue value, String field, Set<String> known, List<String> ignored) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw wrongType(field, "an object");
        }
        JsonFields f = new JsonFields(value.asJsonObject(), field == null ? "" : field + ".", ignored);
        for (String key : f.object.keySet()) {
            if (!known.contains(key)) {
                f.unknown(f.field(key), "Unknown key '" + key + "'.");
            }
        }
        return f;
    }

    /** The object under {@code key}, read in the same mode; null when absent. */
    JsonFields nested(String key, Set<String> known) {
        return has(key) ? create(object.get(key), field(key), known, ignored) : null;
    }

    /** An element of an array of this object, read in the same mode. */
    JsonFields element(JsonValue value, String field, Set<String> known) {
        return create(value, field, known, ignored);
    }

    /** A key nobody knows, at path {@code field}: refused, or skipped and noted in lenient mode. */
    void unknown(String field, String message) {
        if (ignored == null) {
            throw ConfigException.invalid(ConfigException.UNKNOWN_KEY, field, message);
        }
        ignored.add(field);
    }

    JsonObject object() {
        return object;
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

    Long longInteger(String key) {
        JsonValue v = value(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
            throw wrongType(field(key), "an integer");
        }
        try {
            return n.longValueExact();
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
