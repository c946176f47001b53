package org.openstreamer.ejb.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * The secrets of the configuration's JSON: SRT passphrases, publish passwords, the cluster key and the
 * keys that sign webhooks.
 * Only admins see them; viewers get the same documents without them.
 */
public final class Secrets {

    /** Keys whose values are secrets, at any depth. */
    public static final Set<String> KEYS = Set.of("passphrase", "password", "cluster_key", "sign_key");

    private Secrets() {
    }

    /** {@code value} without the secret keys at any depth. */
    public static JsonValue strip(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder b = JSON.createObjectBuilder();
                value.asJsonObject().forEach((k, v) -> {
                    if (!KEYS.contains(k)) {
                        b.add(k, strip(v));
                    }
                });
                yield b.build();
            }
            case ARRAY -> {
                JsonArrayBuilder b = JSON.createArrayBuilder();
                value.asJsonArray().forEach(v -> b.add(strip(v)));
                yield b.build();
            }
            default -> value;
        };
    }
}
