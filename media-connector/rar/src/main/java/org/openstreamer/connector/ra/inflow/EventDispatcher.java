package org.openstreamer.connector.ra.inflow;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventListener;

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
 * the queue, so the start-up events reach the bean that activates a moment later.
 */
public final class EventDispatcher implements Work {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class.getName());

    private final BlockingQueue<MediaEvent> queue;
    private final Map<MediaActivationSpec, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    private record Subscription(MessageEndpointFactory factory, Set<String> types) {
        boolean wants(MediaEvent e) {
            return types.isEmpty() || types.contains(e.type());
        }
    }

    public EventDispatcher(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    public void publish(MediaEvent event) {
        if (!queue.offer(event)) {
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
                MediaEvent event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    for (Subscription s : subscriptions.values()) {
                        if (s.wants(event)) {
                            deliver(s, event);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deliver(Subscription s, MediaEvent event) {
        MessageEndpoint endpoint = null;
        try {
            endpoint = s.factory().createEndpoint(null);
            ((MediaEventListener) endpoint).onEvent(event);
        } catch (UnavailableException e) {
            LOG.warning("event " + event.type() + " not delivered: endpoint unavailable");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event " + event.type() + " failed in its listener", e);
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
