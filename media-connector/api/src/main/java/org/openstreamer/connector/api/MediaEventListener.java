package org.openstreamer.connector.api;

import java.util.List;

/**
 * The inbound message-listener contract of the connector. A message-driven bean implementing it,
 * bound to the adapter, receives every engine event. Delivery is asynchronous and in order per
 * adapter; a listener that throws does not stop delivery of later events.
 */
public interface MediaEventListener {

    void onEvent(MediaEvent event);

    /**
     * Segments the DVR recorder wrote, in batches (at most one a second), for the archive's index.
     * Typed records rather than event data: they are rows to store, not an event to log. Delivered
     * in order with the events; a listener that keeps no index ignores them.
     */
    default void onArchiveSegments(List<ArchiveSegmentRecord> segments) {
    }
}
