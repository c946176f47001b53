package org.openstreamer.ejb.events;

import org.openstreamer.connector.api.MediaEvent;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Engine events not stored yet, oldest first: while PostgreSQL is down they wait here and are
 * stored, in order, with their own times, once it is back, so a publish_stopped recorded after an
 * outage still finds its publish_started. Bounded: when full the oldest is dropped and counted.
 * Thread-safe.
 */
final class EventBacklog {

    private final int capacity;
    private final ArrayDeque<MediaEvent> events = new ArrayDeque<>();
    private long dropped;

    EventBacklog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void add(MediaEvent event) {
        if (events.size() >= capacity) {
            events.pollFirst();
            dropped++;
        }
        events.addLast(event);
    }

    /** A copy of what waits, oldest first. */
    synchronized List<MediaEvent> pending() {
        return List.copyOf(events);
    }

    /** Removes the events of {@code stored} (a former {@link #pending()}) that are still waiting. */
    synchronized void stored(List<MediaEvent> stored) {
        for (MediaEvent e : stored) {
            if (events.peekFirst() == e) { // identity: the same delivery, not an equal event
                events.pollFirst();
            } else {
                events.removeIf(w -> w == e);
            }
        }
    }

    synchronized int size() {
        return events.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}
