package org.openstreamer.ejb.notify;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.model.NotifySink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.ejb.util.Jsonp.JSON;

class SinkWorkerTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private Receiver receiver() throws Exception {
        Receiver r = new Receiver();
        toClose.add(r);
        return r;
    }

    private SinkWorker worker(Delivery delivery, int capacity, int maxBatch) {
        SinkWorker w = new SinkWorker("test", delivery, capacity, maxBatch, 20, 80);
        toClose.add(w::stop);
        return w;
    }

    private static JsonObject event(String name, int n) {
        return JSON.createObjectBuilder().add("event", name).add("media", "cam" + n).add("n", n).build();
    }

    private static void waitForSent(SinkWorker w, int n) throws InterruptedException {
        for (int i = 0; i < 500 && w.stats().sent() < n; i++) {
            Thread.sleep(10);
        }
    }

    private static List<Integer> numbers(JsonArray events) {
        return events.stream().map(v -> v.asJsonObject().getInt("n")).toList();
    }

    @Test
    void eventsArriveInOrderInBatchesOfAtMostMaxBatch() throws Exception {
        Receiver r = receiver();
        SinkWorker w = worker(new HttpDelivery(r.url(), null), 100, 4);
        for (int i = 0; i < 10; i++) {
            w.offer(event("publish_started", i)); // queued before the thread starts: batches are full
        }
        w.start(Thread::new);
        List<Integer> all = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        while (all.size() < 10) {
            JsonArray batch = r.next().events();
            sizes.add(batch.size());
            all.addAll(numbers(batch));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), all);
        assertEquals(List.of(4, 4, 2), sizes);
        waitForSent(w, 10);
        assertEquals(10, w.stats().sent());
    }

    @Test
    void aBatchRefusedWith500IsSentAgainThenTheNextOnes() throws Exception {
        Receiver r = receiver();
        r.failNext.set(2);
        SinkWorker w = worker(new HttpDelivery(r.url(), null), 100, 100);
        w.start(Thread::new);
        w.offer(event("publish_started", 1));
        assertEquals(List.of(1), numbers(r.next().events()));
        w.offer(event("publish_stopped", 2));
        assertEquals(List.of(2), numbers(r.next().events()));
        // Two refusals; a kept-alive connection the receiver closed may cost one more attempt.
        assertTrue(r.requests.get() >= 3, "requests " + r.requests.get());
        assertTrue(w.stats().failedAttempts() >= 2);
        assertTrue(w.stats().lastError().contains("500"), w.stats().lastError());
    }

    @Test
    void signedBodiesCarryBothSignatures() throws Exception {
        Receiver r = receiver();
        SinkWorker w = worker(new HttpDelivery(r.url(), "s3cret"), 100, 100);
        w.start(Thread::new);
        w.offer(event("publish_started", 1));
        Receiver.Post post = r.next();
        assertEquals(Signature.sha1(post.body(), "s3cret"), post.signature());
        assertEquals(Signature.hmacSha256(post.body(), "s3cret"), post.signature256());
        // Checked independently: SHA-1 of the body with the key appended, as receivers compute it.
        byte[] withKey = new byte[post.body().length + 6];
        System.arraycopy(post.body(), 0, withKey, 0, post.body().length);
        System.arraycopy("s3cret".getBytes(), 0, withKey, post.body().length, 6);
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(withKey)),
                post.signature());
    }

    @Test
    void unsignedWithoutAKey() throws Exception {
        Receiver r = receiver();
        SinkWorker w = worker(new HttpDelivery(r.url(), null), 100, 100);
        w.start(Thread::new);
        w.offer(event("publish_started", 1));
        Receiver.Post post = r.next();
        assertEquals(null, post.signature());
        assertEquals(null, post.signature256());
    }

    @Test
    void aFullQueueDropsTheOldestAndCountsThemWithoutBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> delivered = new ArrayList<>();
        CountDownLatch firstTaken = new CountDownLatch(1);
        SinkWorker w = worker(batch -> {
            firstTaken.countDown();
            release.await();
            synchronized (delivered) {
                batch.forEach(e -> delivered.add(e.getInt("n")));
            }
        }, 3, 100);
        w.start(Thread::new);
        w.offer(event("e", 0));
        assertTrue(firstTaken.await(5, TimeUnit.SECONDS)); // event 0 is in flight, the receiver hangs
        long start = System.nanoTime();
        for (int i = 1; i <= 10; i++) {
            w.offer(event("e", i));
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "offer must not wait for the receiver");
        assertEquals(new SinkStats(3, 7, 0, 0, null), w.stats());
        release.countDown();
        waitForSent(w, 4);
        synchronized (delivered) {
            assertEquals(List.of(0, 8, 9, 10), delivered);
        }
    }

    @Test
    void anActiveSinkSendsOnlyWhatItsRulesAndLevelLetThrough() throws Exception {
        Receiver r = receiver();
        NotifySink def = new NotifySink("hooks", r.url().toString(),
                List.of(Map.of("event", List.of("publish_started", "source_lost", "play_started"))),
                List.of(Map.of("media", List.of("cam2"))), null, "info");
        ActiveSink sink = ActiveSink.start(def, Thread::new, Path.of("."));
        toClose.add(sink::stop);
        sink.offer(event("publish_stopped", 1)); // not in only
        sink.offer(event("publish_started", 2)); // excepted
        sink.offer(event("play_started", 3)); // debug level only
        sink.offer(event("publish_started", 4));
        assertEquals(List.of(4), numbers(r.next().events()));
        sink.offer(event("source_lost", 5));
        assertEquals(List.of(5), numbers(r.next().events()));
        assertTrue(r.received().isEmpty(), "nothing else was posted");
        assertEquals(new SinkStats(0, 0, 2, 0, null).queued(), sink.stats().queued(), "the filtered ones were never queued");
    }

    @Test
    void alertLevelKeepsOnlyTroubles() {
        NotifySink def = new NotifySink("a", "http://127.0.0.1/", List.of(), List.of(), null, "alert");
        ActiveSink sink = new ActiveSink(def, worker(b -> { }, 10, 10));
        assertTrue(sink.wants(event("source_lost", 1)));
        assertTrue(!sink.wants(event("publish_started", 1)));
    }

    @Test
    void aLogSinkAppendsOneJsonLinePerEvent() throws Exception {
        Path dir = Files.createTempDirectory("notify-log");
        NotifySink def = new NotifySink("log", "log://events/all.log", List.of(), List.of(), null, null);
        ActiveSink sink = ActiveSink.start(def, Thread::new, dir);
        toClose.add(sink::stop);
        sink.offer(event("publish_started", 1));
        sink.offer(event("publish_stopped", 2));
        Path file = dir.resolve("events/all.log");
        for (int i = 0; i < 500 && sink.stats().sent() < 2; i++) {
            Thread.sleep(10);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"n\":1") && lines.get(1).contains("\"n\":2"), lines.toString());
    }
}
