package org.openstreamer.connector.ra.inflow;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventListener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries engine events to the activated message endpoints, in order, on one WorkManager thread.
 * {@link #publish} never blocks the caller (media threads call it): when the bounded queue is
 * full the event is counted as dropped. Events published before any endpoint is active wait in
 * the queue, so the start-up events reach the bean that activates a moment later. The DVR
 * recorder's batches of archive segments travel in the same queue, in order with the events, and
 * reach the listeners' {@link MediaEventListener#onArchiveSegments}; a filter names them
 * {@value #ARCHIVE_SEGMENTS}.
 */
public final class EventDispatcher implements Work {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());

    /** The filter name of the archive segment batches. */
    public static final String ARCHIVE_SEGMENTS = "archive_segments";

    private final BlockingQueue<Delivery> queue;
    private final Map<MediaActivationSpec, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    /** One queued item: an event, or (event null) a batch of archive segments. */
    private record Delivery(MediaEvent event, List<ArchiveSegmentRecord> segments) {
        String type() {
            return event != null ? event.type() : ARCHIVE_SEGMENTS;
        }

        void to(MediaEventListener listener) {
            if (event != null) {
                listener.onEvent(event);
            } else {
                listener.onArchiveSegments(segments);
            }
        }
    }

    private record Subscription(MessageEndpointFactory factory, Set<String> types) {
        boolean wants(Delivery d) {
            return types.isEmpty() || types.contains(d.type());
        }
    }

    public EventDispatcher(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    public void publish(MediaEvent event) {
        offer(new Delivery(event, null));
    }

    /** Queues a batch of segments the recorder wrote, for the index; never blocks either. */
    public void publishArchiveSegments(List<ArchiveSegmentRecord> segments) {
        offer(new Delivery(null, List.copyOf(segments)));
    }

    private void offer(Delivery d) {
        if (!queue.offer(d)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public int pending() {
        return queue.size();
    }

    public void activate(MediaActivationSpec spec, MessageEndpointFactory factory) {
        subscriptions.put(spec, new Subscription(factory, spec.eventTypeFilter()));
    }

    public void deactivate(MediaActivationSpec spec) {
        subscriptions.remove(spec);
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (subscriptions.isEmpty()) {
                    TimeUnit.MILLISECONDS.sleep(100);
                    continue;
                }
                Delivery d = queue.poll(200, TimeUnit.MILLISECONDS);
                if (d != null) {
                    for (Subscription s : subscriptions.values()) {
                        if (s.wants(d)) {
                            deliver(s, d);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deliver(Subscription s, Delivery d) {
        MessageEndpoint endpoint = null;
        try {
            endpoint = s.factory().createEndpoint(null);
            d.to((MediaEventListener) endpoint);
        } catch (UnavailableException e) {
            LOG.warning("event " + d.type() + " not delivered: endpoint unavailable");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event " + d.type() + " failed in its listener", e);
        } finally {
            if (endpoint != null) {
                endpoint.release();
            }
        }
    }

    @Override
    public void release() {
        running = false;
    }
}
