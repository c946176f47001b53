package org.openstreamer.connector.ra.inflow;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventListener;
import org.openstreamer.connector.api.MediaEventType;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventDispatcherTest {

    /** An endpoint as the container would make one: a listener that can be released. */
    static final class RecordingEndpoint implements MediaEventListener, MessageEndpoint {
        final List<Object> received;
        int released;

        RecordingEndpoint(List<Object> received) {
            this.received = received;
        }

        @Override
        public void onArchiveSegments(List<ArchiveSegmentRecord> segments) {
            received.add(segments);
        }

        @Override
        public void onEvent(MediaEvent event) {
            if ("explode".equals(event.stream())) {
                throw new IllegalStateException("listener failure");
            }
            received.add(event);
        }

        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
            released++;
        }
    }

    static final class Factory implements MessageEndpointFactory {
        final List<Object> received = new CopyOnWriteArrayList<>();

        @Override
        public MessageEndpoint createEndpoint(javax.transaction.xa.XAResource xa) {
            return new RecordingEndpoint(received);
        }

        @Override
        public MessageEndpoint createEndpoint(javax.transaction.xa.XAResource xa, long timeout) throws UnavailableException {
            return createEndpoint(xa);
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "test";
        }

        @Override
        public Class<?> getEndpointClass() {
            return RecordingEndpoint.class;
        }
    }

    private static MediaEvent event(String stream) {
        return MediaEvent.of(MediaEventType.ENGINE_STARTED, stream, Map.of("k", "v"));
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void eventsPublishedBeforeActivationAreDeliveredInOrderAfterIt() throws Exception {
        EventDispatcher d = new EventDispatcher(100);
        Thread t = new Thread(d);
        t.start();
        try {
            d.publish(event("a"));
            d.publish(event("explode")); // a failing listener must not stop later deliveries
            d.publish(event("b"));
            Factory f = new Factory();
            d.activate(new MediaActivationSpec(), f);
            awaitSize(f.received, 2);
            assertEquals(List.of("a", "b"), f.received.stream().map(e -> ((MediaEvent) e).stream()).toList());
        } finally {
            d.release();
            t.join(2000);
        }
    }

    @Test
    void fullQueueDropsAndCountsInsteadOfBlocking() {
        EventDispatcher d = new EventDispatcher(2);
        for (int i = 0; i < 5; i++) {
            d.publish(event("s" + i));
        }
        assertEquals(2, d.pending());
        assertEquals(3, d.dropped());
    }

    @Test
    void activationSpecFiltersByEventType() throws Exception {
        EventDispatcher d = new EventDispatcher(10);
        MediaActivationSpec spec = new MediaActivationSpec();
        spec.setEventTypes("engine_stopping");
        spec.validate();
        Factory f = new Factory();
        d.activate(spec, f);
        Thread t = new Thread(d);
        t.start();
        try {
            d.publish(event("started"));
            d.publish(MediaEvent.of(MediaEventType.ENGINE_STOPPING, "stopping", null));
            awaitSize(f.received, 1);
            Thread.sleep(300); // a wrongly delivered second event would arrive by now
            assertEquals(List.of("stopping"), f.received.stream().map(e -> ((MediaEvent) e).stream()).toList());
            assertTrue(((MediaEvent) f.received.get(0)).data().isEmpty());
        } finally {
            d.release();
            t.join(2000);
        }
    }

    @Test
    void archiveSegmentsArriveAsTypedRecordsInOrderWithTheEvents() throws Exception {
        EventDispatcher d = new EventDispatcher(10);
        Factory all = new Factory();
        Factory stopsOnly = new Factory();
        MediaActivationSpec filtered = new MediaActivationSpec();
        filtered.setEventTypes("engine_stopping");
        d.activate(new MediaActivationSpec(), all);
        d.activate(filtered, stopsOnly);
        ArchiveSegmentRecord row = new ArchiveSegmentRecord("cam", 1_764_928_804_000L, 4000, 188_000, "/storage",
                "2026/12/05/10/00/04-04000.ts");
        Thread t = new Thread(d);
        t.start();
        try {
            d.publish(event("before"));
            d.publishArchiveSegments(List.of(row));
            d.publish(event("after"));
            awaitSize(all.received, 3);
            assertEquals(event("before").stream(), ((MediaEvent) all.received.get(0)).stream());
            assertEquals(List.of(row), all.received.get(1));
            assertEquals("after", ((MediaEvent) all.received.get(2)).stream());
            assertEquals(List.of(), stopsOnly.received);
        } finally {
            d.release();
            t.join(2000);
        }
    }

    @Test
    void malformedFilterIsRefused() {
        MediaActivationSpec spec = new MediaActivationSpec();
        spec.setEventTypes("engine_started; DROP TABLE");
        assertThrows(jakarta.resource.spi.InvalidPropertyException.class, spec::validate);
    }
}
