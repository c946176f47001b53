package org.openstreamer.web.playback.auth;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-flight limit: questions beyond it wait for a slot within their deadline instead of being refused. */
class PlayBackendTest {

    private HttpServer server;
    private ExecutorService serverThreads;
    private ExecutorService clientThreads;
    private URI backend;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private volatile long delayMillis;
    private final CountDownLatch hold = new CountDownLatch(1);
    private volatile boolean holding;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/auth", x -> {
            received.incrementAndGet();
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (holding) {
                    hold.await(5, TimeUnit.SECONDS);
                } else {
                    Thread.sleep(delayMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        serverThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(serverThreads);
        server.start();
        backend = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/auth");
        clientThreads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        hold.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
        clientThreads.shutdownNow();
    }

    private CompletableFuture<BackendAnswer> ask(PlayBackend b, int i) {
        return b.ask(backend, new PlayRequest("cam", "10.0.0." + i, "t" + i, null, null, "hls", "hls_live-hls_mbr_playlist"),
                true, 0, 0);
    }

    @Test
    void aBurstBeyondTheSlotsWaitsItsTurnAndEveryoneIsAnswered() {
        delayMillis = 50;
        PlayBackend b = new PlayBackend(clientThreads, 2, Duration.ofSeconds(3));
        List<CompletableFuture<BackendAnswer>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(ask(b, i));
        }
        for (CompletableFuture<BackendAnswer> a : answers) {
            assertEquals(BackendAnswer.Verdict.ALLOW, a.join().verdict());
        }
        assertEquals(12, received.get());
        assertTrue(mostAtOnce.get() <= 2, "never more than the slots at once: " + mostAtOnce.get());
    }

    @Test
    void aQuestionStillWaitingAtItsDeadlineIsUnknownAndNeverSent() throws Exception {
        holding = true;
        PlayBackend b = new PlayBackend(clientThreads, 1, Duration.ofMillis(1000));
        long t0 = System.nanoTime();
        CompletableFuture<BackendAnswer> first = ask(b, 1);
        CompletableFuture<BackendAnswer> second = ask(b, 2);
        assertEquals(BackendAnswer.Verdict.UNKNOWN, second.join().verdict());
        assertEquals(BackendAnswer.Verdict.UNKNOWN, first.join().verdict());
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(waited >= 900 && waited < 3000, "refused at the deadline, not before: " + waited + " ms");
        hold.countDown();
        // the slot comes back when the held request ends; the expired question is dropped, not sent late
        Thread.sleep(300);
        assertEquals(1, received.get());
        delayMillis = 0;
        holding = false;
        assertEquals(BackendAnswer.Verdict.ALLOW, ask(b, 3).get(3, TimeUnit.SECONDS).verdict());
        assertEquals(2, received.get());
    }
}
