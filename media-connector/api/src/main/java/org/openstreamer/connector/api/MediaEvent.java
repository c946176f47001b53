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
 * @param data       the event's attributes as JSON-like values (see {@link EventData}): numbers stay
 *                   numbers, so that the event log and its readers get {@code "port": 9001}, not
 *                   {@code "port": "9001"}; never null
 */
public record MediaEvent(String type, Instant occurredAt, String stream, Map<String, Object> data)
        implements Serializable {

    public MediaEvent {
        data = EventData.copy(data);
    }

    public static MediaEvent of(MediaEventType type, String stream, Map<String, ?> data) {
        return new MediaEvent(type.wireName(), Instant.now(), stream, EventData.copy(data));
    }
}
