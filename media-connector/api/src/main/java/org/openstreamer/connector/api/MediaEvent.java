package org.openstreamer.connector.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * Something the engine reports to the rest of the server through the inbound contract.
 *
 * @param type       event name, one of {@link MediaEventType} values' {@code wireName()}
 * @param occurredAt when it happened in the engine
 * @param stream     the stream concerned, or null for engine-wide events
 * @param data       small string attributes (peer address, port, versions...); never null
 */
public record MediaEvent(String type, Instant occurredAt, String stream, Map<String, String> data)
        implements Serializable {

    public MediaEvent {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static MediaEvent of(MediaEventType type, String stream, Map<String, String> data) {
        return new MediaEvent(type.wireName(), Instant.now(), stream, data);
    }
}
