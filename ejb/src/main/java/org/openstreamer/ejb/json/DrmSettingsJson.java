package org.openstreamer.ejb.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.ejb.error.ConfigException;

import java.net.URI;
import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * A stream's protection as JSON, {@code {"method":"aes128"|"sample_aes","keyserver":URL,"key_rotation":600,
 * "allow_clear":false}}: one reader for the body of {@code PUT /drm/NAME} and the {@code drm}
 * directive of the text configuration, so both refuse the same values with the same messages.
 */
public final class DrmSettingsJson {

    /** The key of a stream's protection beside the stream's own JSON (text configuration, import report). */
    public static final String KEY = "drm";

    public static final Set<String> FIELDS = Set.of("method", "keyserver", "key_rotation", "allow_clear");

    private DrmSettingsJson() {
    }

    /** The settings of {@code o}; every field is optional but {@code method}: aes128 or sample_aes. */
    public static DrmSettings read(JsonObject o) {
        for (String k : o.keySet()) {
            if (!FIELDS.contains(k)) {
                throw ConfigException.invalid(ConfigException.UNKNOWN_KEY, k, "Unknown DRM setting '" + k + "'; known: " + FIELDS + ".");
            }
        }
        String method = method(o.get("method"));
        String keyServer = null;
        JsonValue ks = o.get("keyserver");
        if (ks instanceof JsonString u) {
            keyServer = u.getString();
            if (keyServer.length() > 2048 || !keyServer.matches("(?i)https?://.+") || host(keyServer) == null) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, "keyserver", "keyserver must be an http(s) URL.");
            }
        } else if (ks != null && ks != JsonValue.NULL) {
            throw ConfigException.invalid(ConfigException.INVALID_TYPE, "keyserver", "keyserver is a URL string.");
        }
        int rotation = DrmSettings.DEFAULT_KEY_ROTATION;
        JsonValue r = o.get("key_rotation");
        if (r instanceof JsonNumber n && n.isIntegral()) {
            long seconds = n.longValue();
            if (seconds < DrmSettings.MIN_KEY_ROTATION || seconds > DrmSettings.MAX_KEY_ROTATION) {
                throw ConfigException.invalid(ConfigException.INVALID_VALUE, "key_rotation", "key_rotation is "
                        + DrmSettings.MIN_KEY_ROTATION + " to " + DrmSettings.MAX_KEY_ROTATION + " seconds.");
            }
            rotation = (int) seconds;
        } else if (r != null) {
            throw ConfigException.invalid(ConfigException.INVALID_TYPE, "key_rotation", "key_rotation is whole seconds.");
        }
        JsonValue a = o.get("allow_clear");
        if (a != null && a != JsonValue.TRUE && a != JsonValue.FALSE) {
            throw ConfigException.invalid(ConfigException.INVALID_TYPE, "allow_clear", "allow_clear is true or false.");
        }
        return new DrmSettings(keyServer, rotation, a == JsonValue.TRUE, method);
    }

    /** {@code aes128}, or {@code sample_aes} (also spelt {@code sample-aes}, the HLS name's form). */
    private static String method(JsonValue v) {
        String m = v instanceof JsonString s ? s.getString() : null;
        if (DrmSettings.AES128.equals(m)) {
            return DrmSettings.AES128;
        }
        if (DrmSettings.SAMPLE_AES.equals(m) || "sample-aes".equals(m)) {
            return DrmSettings.SAMPLE_AES;
        }
        throw ConfigException.invalid(ConfigException.INVALID_VALUE, "method",
                "method must be \"aes128\" or \"sample_aes\" (Conax and KeyOS are not supported).");
    }

    /** {@code s} as JSON, every field written (the shape {@code GET /drm/NAME} shows without its name). */
    public static JsonObjectBuilder write(DrmSettings s) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("method", s.method());
        if (s.keyServer() != null) {
            b.add("keyserver", s.keyServer());
        }
        return b.add("key_rotation", s.keyRotationSeconds()).add("allow_clear", s.allowClear());
    }

    /** {@code stream}'s JSON with its protection under {@link #KEY}; unchanged when not protected. */
    public static JsonObject withDrm(JsonObject stream, DrmSettings drm) {
        return drm == null ? stream : JSON.createObjectBuilder(stream).add(KEY, write(drm)).build();
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
