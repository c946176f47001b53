package org.openstreamer.ejb.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.error.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * A publish location in the v3 JSON shape: {@code prefix} and the stream options that apply to
 * published streams (no {@code inputs}, {@code publish_enabled}, {@code static},
 * {@code clients_timeout} or {@code retry_limit}).
 */
public final class PublishLocationJson {

    static final Set<String> KEYS = OptionScope.PUBLISH_LOCATION.keysWith("prefix");

    private PublishLocationJson() {
    }

    /** The location of {@code prefix} (from the URL) as {@code body} describes it; strict. */
    public static PublishLocationDefinition read(JsonObject body, String prefix) {
        OptionScope.PUBLISH_LOCATION.refuseExcluded(body, "publish location");
        return read(JsonFields.of(body, null, KEYS), prefix);
    }

    /** Like {@link #read}, unknown keys skipped and listed (for stored documents and backends). */
    public static JsonRead<PublishLocationDefinition> readLenient(JsonObject body, String prefix) {
        List<String> ignored = new ArrayList<>();
        return new JsonRead<>(read(JsonFields.lenient(body, null, KEYS, ignored), prefix), ignored);
    }

    public static JsonObject write(PublishLocationDefinition l) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("prefix", l.prefix());
        StreamOptionsJson.write(l.options(), OptionScope.PUBLISH_LOCATION, b);
        return b.build();
    }

    private static PublishLocationDefinition read(JsonFields f, String prefix) {
        String bodyPrefix = f.string("prefix");
        if (bodyPrefix != null && !bodyPrefix.equals(prefix)) {
            throw ConfigException.invalid(ConfigException.NAME_MISMATCH, "prefix",
                    "The body names prefix '" + bodyPrefix + "' but the URL names '" + prefix + "'.");
        }
        return new PublishLocationDefinition(prefix, StreamOptionsJson.read(f, OptionScope.PUBLISH_LOCATION));
    }
}
