package org.openstreamer.ejb.notify;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.Map;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * One event as sinks receive it: {@code event} (its name), {@code media} (the stream, absent for
 * server-wide events), {@code utc} (milliseconds since 1970), {@code server} (the node), then the
 * event's own fields at the same level, so that filters and receivers read {@code peer} or
 * {@code reason} like {@code media}. A field of the event never replaces one of these four.
 */
public final class EventPayload {

    static final String EVENT = "event";
    static final String MEDIA = "media";
    static final String UTC = "utc";
    static final String SERVER = "server";

    private EventPayload() {
    }

    public static JsonObject of(String type, String stream, Instant occurredAt, String node, JsonObject data) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        for (Map.Entry<String, JsonValue> e : data.entrySet()) {
            b.add(e.getKey(), e.getValue());
        }
        b.add(EVENT, type);
        if (stream != null) {
            b.add(MEDIA, stream);
        } else {
            b.remove(MEDIA);
        }
        b.add(UTC, occurredAt.toEpochMilli());
        b.add(SERVER, node);
        return b.build();
    }
}
