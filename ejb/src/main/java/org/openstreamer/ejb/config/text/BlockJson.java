package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of one block (a stream, a publish location, a template, the server's globals) as its
 * directives are read, and where each value came from. Keys are paths ({@code listeners.http});
 * a value is set once, appended to a list ({@code inputs}) or put into an object ({@code meta}).
 * The positions let a refusal of the finished JSON, e.g. {@code inputs[1].priority}, be told
 * with the line and column of the text that produced it.
 */
public final class BlockJson {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final FieldPositions positions;
    private final List<Problem> warnings = new ArrayList<>();

    BlockJson(Position block) {
        this.positions = new FieldPositions(block);
    }

    public FieldPositions positions() {
        return positions;
    }

    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    void warn(String code, String message, Position at) {
        warnings.add(Problem.invalid(code, null, message, at));
    }

    /** Sets {@code path} to {@code value}; a second directive for the same key is refused. */
    void set(String path, JsonValue value, Position at) {
        Position first = positions.exact(path);
        if (first != null) {
            throw Refuse.invalid(at, path + " is already set at " + first.describe() + ".");
        }
        Map<String, Object> parent = parent(path);
        parent.put(last(path), value);
        positions.put(path, at);
    }

    /** Appends {@code item} to the list at {@code path}; returns its field path ({@code inputs[2]}). */
    @SuppressWarnings("unchecked")
    String append(String path, JsonValue item, Position at) {
        Map<String, Object> parent = parent(path);
        List<JsonValue> list = (List<JsonValue>) parent.computeIfAbsent(last(path), k -> new ArrayList<JsonValue>());
        list.add(item);
        String field = path + "[" + (list.size() - 1) + "]";
        positions.putIfAbsent(path, at);
        positions.put(field, at);
        return field;
    }

    /** Replaces item {@code index} of the list at {@code path} (to add defaults after the block is read). */
    @SuppressWarnings("unchecked")
    void replace(String path, int index, JsonValue item) {
        ((List<JsonValue>) parent(path).get(last(path))).set(index, item);
    }

    /** Removes {@code path} and returns its value, or null when it was not set. */
    Object remove(String path) {
        return parent(path).remove(last(path));
    }

    @SuppressWarnings("unchecked")
    List<JsonValue> list(String path) {
        Object node = node(path);
        return node == null ? List.of() : (List<JsonValue>) node;
    }

    /** Puts {@code key} into the object at {@code path} ({@code meta}). */
    void put(String path, String key, JsonValue value, Position at) {
        set(path + "." + key, value, at);
        positions.putIfAbsent(path, at);
    }

    public JsonObject build() {
        return object(root);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parent(String path) {
        Map<String, Object> node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private Object node(String path) {
        Object node = root;
        for (String part : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(part);
        }
        return node;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @SuppressWarnings("unchecked")
    private static JsonObject object(Map<String, Object> map) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> m) {
                b.add(key, object((Map<String, Object>) m));
            } else if (value instanceof List<?> l) {
                JsonArrayBuilder a = Json.createArrayBuilder();
                l.forEach(item -> a.add((JsonValue) item));
                b.add(key, a);
            } else {
                b.add(key, (JsonValue) value);
            }
        });
        return b.build();
    }
}
