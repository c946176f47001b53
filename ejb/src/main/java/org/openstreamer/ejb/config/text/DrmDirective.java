package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code drm aes128|sample_aes [keyserver=URL] [key_rotation=SECONDS] [allow_clear];}: the {@code drm} object,
 * in the shape of {@code PUT /drm/NAME}. The method and the values are checked by the same reader
 * as that request ({@code DrmSettingsJson}) when the import is checked; only the syntax is here.
 */
final class DrmDirective {

    private static final Map<String, String> UNSUPPORTED_METHODS = Map.of(
            "conax", "Conax is not supported; aes128 and sample_aes are",
            "keyos", "KeyOS is not supported; aes128 and sample_aes are");

    private DrmDirective() {
    }

    static void drm(Directive d, String key, BlockJson json) {
        if (d.args().isEmpty()) {
            throw Refuse.invalid(d.at(), "'drm' needs a method: drm aes128; or drm aes128 keyserver=http://HOST/PATH;");
        }
        String method = "sample-aes".equals(d.arg(0)) ? "sample_aes" : d.arg(0);
        if (UNSUPPORTED_METHODS.containsKey(method)) {
            throw Refuse.option(d.at(0), method, UNSUPPORTED_METHODS.get(method));
        }
        JsonObjectBuilder drm = Json.createObjectBuilder().add("method", method);
        Map<String, Position> fields = new HashMap<>();
        fields.put("method", d.at(0));
        for (OptionArg o : OptionArg.of(d, 1)) {
            switch (o.key()) {
                case "keyserver" -> drm.add("keyserver", o.text());
                case "key_rotation" -> drm.add("key_rotation", o.seconds());
                case "allow_clear" -> drm.add("allow_clear", o.bool());
                default -> throw Refuse.option(o.at(), o.key(), null);
            }
            Position first = fields.putIfAbsent(o.key(), o.at());
            if (first != null) {
                throw Refuse.invalid(o.at(), "'" + o.key() + "' is set again (already set at " + first.describe() + ").");
            }
        }
        json.set(key, drm.build(), d.at());
        fields.forEach((field, at) -> json.positions().put(key + "." + field, at));
    }
}
