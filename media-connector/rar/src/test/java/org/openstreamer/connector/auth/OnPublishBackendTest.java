package org.openstreamer.connector.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real HTTP backend on loopback: what it is sent, and how its answers and silences are read. */
class OnPublishBackendTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/allow", e -> answer(e, 200, null, "ok"));
        server.createContext("/deny", e -> answer(e, 403, "text/plain", "no publishing today"));
        server.createContext("/fail", e -> answer(e, 500, null, ""));
        server.createContext("/moved", e -> {
            e.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            answer(e, 302, null, "");
        });
        server.createContext("/slow", e -> {
            sleep(1500);
            answer(e, 200, null, "");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange e, int status, String type, String body) throws IOException {
        bodies.add(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        contentTypes.add(e.getRequestMethod() + " " + e.getRequestHeaders().getFirst("Content-Type"));
        if (type != null) {
            e.getResponseHeaders().add("Content-Type", type);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    private OnPublishBackend backend(int deadlineMs, int maxInFlight) {
        return new OnPublishBackend(null, Duration.ofMillis(deadlineMs), maxInFlight, Duration.ofSeconds(10), clock::get);
    }

    private OnPublishRequest request(String path, String name) {
        return new OnPublishRequest("http://127.0.0.1:" + server.getAddress().getPort() + path, name, "chats", "rtmp",
                Map.of("token", "abc"), "127.0.0.1");
    }

    private static OnPublishDecision decide(OnPublishBackend b, OnPublishRequest r) throws Exception {
        return b.ask(r).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theBackendGetsAPostWithTheReferenceFields() throws Exception {
        assertEquals(OnPublishDecision.ALLOWED, decide(backend(3000, 4), request("/allow", "chats/15")));
        assertEquals(List.of("POST application/json"), contentTypes);
        assertEquals("{\"name\":\"chats/15\",\"location\":\"chats\",\"proto\":\"rtmp\",\"args\":{\"token\":\"abc\"},"
                + "\"ip\":\"127.0.0.1\"}", bodies.get(0));
    }

    @Test
    void aDenialIsRememberedForAWhileThenAskedAgain() throws Exception {
        OnPublishBackend b = backend(3000, 4);
        OnPublishRequest r = request("/deny", "chats/15");
        OnPublishDecision d = decide(b, r);
        assertEquals(OnPublishDecision.Verdict.DENY, d.verdict());
        assertEquals("refused by the on_publish backend: no publishing today", d.reason());
        assertEquals(d, b.remembered(r));
        assertEquals(d, decide(b, r));
        assertEquals(1, bodies.size(), "a remembered denial is not asked again");
        assertNull(b.remembered(request("/deny", "chats/16")), "another stream is not denied by it");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(11));
        assertNull(b.remembered(r));
        decide(b, r);
        assertEquals(2, bodies.size());
    }

    @Test
    void aFailingBackendRefusesWithoutRemembering() throws Exception {
        OnPublishBackend b = backend(3000, 4);
        OnPublishRequest r = request("/fail", "chats/15");
        assertEquals(OnPublishDecision.Verdict.UNAVAILABLE, decide(b, r).verdict());
        assertNull(b.remembered(r));
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        OnPublishDecision d = decide(backend(3000, 4), request("/moved", "chats/15"));
        assertEquals(OnPublishDecision.Verdict.REFUSE, d.verdict());
        assertEquals(1, bodies.size());
    }

    @Test
    void aSlowBackendRefusesAtTheDeadlineWithoutHoldingTheCaller() throws Exception {
        OnPublishBackend b = backend(300, 4);
        long start = System.nanoTime();
        CompletableFuture<OnPublishDecision> answer = b.ask(request("/slow", "chats/15"));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(200), "ask() returned at once");
        OnPublishDecision d = answer.get(5, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(OnPublishDecision.Verdict.UNAVAILABLE, d.verdict());
        assertTrue(d.reason().contains("did not answer within 300 ms"), d.reason());
        assertTrue(ms >= 290 && ms < 1200, ms + " ms");
    }

    @Test
    void requestsBeyondTheLimitWaitTheirTurnWithinTheirDeadline() throws Exception {
        OnPublishBackend b = backend(1000, 1);
        CompletableFuture<OnPublishDecision> slow = b.ask(request("/slow", "chats/1"));
        CompletableFuture<OnPublishDecision> waiting = b.ask(request("/allow", "chats/2"));
        assertEquals(OnPublishDecision.Verdict.UNAVAILABLE, waiting.get(5, TimeUnit.SECONDS).verdict(),
                "the only permit is taken by the slow request past the second one's deadline");
        assertEquals(OnPublishDecision.Verdict.UNAVAILABLE, slow.get(5, TimeUnit.SECONDS).verdict());
        sleep(700); // the slow request ends on the backend and gives its permit back
        assertEquals(OnPublishDecision.ALLOWED, decide(b, request("/allow", "chats/3")));
    }

    @Test
    void anUnreachableBackendIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        OnPublishRequest r = new OnPublishRequest("http://127.0.0.1:" + closed + "/", "cam1", "cam1", "srt", Map.of(), "127.0.0.1");
        OnPublishDecision d = decide(backend(3000, 4), r);
        assertEquals(OnPublishDecision.Verdict.UNAVAILABLE, d.verdict());
        assertTrue(d.reason().contains("could not be asked"), d.reason());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
