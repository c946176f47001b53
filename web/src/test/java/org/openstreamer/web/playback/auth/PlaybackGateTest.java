package org.openstreamer.web.playback.auth;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gate against a real HTTP backend on loopback: what each answer does to a new and to an open session. */
class PlaybackGateTest {

    private HttpServer server;
    private ExecutorService executor;
    private PlaybackGate gate;
    private URI backend;
    /** token -> status the backend answers; "X-*" headers come from {@link #headers}. */
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/auth", x -> {
            String q = x.getRequestURI().getRawQuery();
            queries.add(q);
            String token = q.replaceAll(".*(?:^|&)token=([^&]*).*", "$1");
            headers.forEach((k, v) -> x.getResponseHeaders().add(k, v));
            if (statuses.getOrDefault(token, 403) == 302) {
                x.getResponseHeaders().add("Location", "http://elsewhere/x.m3u8");
            }
            x.sendResponseHeaders(statuses.getOrDefault(token, 403), -1);
            x.close();
        });
        server.start();
        backend = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/auth?site=1");
        executor = Executors.newFixedThreadPool(2);
        gate = new PlaybackGate(new SessionTable(60, s -> { }), new PlayBackend(executor, 8));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Decision admit(String token) {
        return gate.admit(new PlayRequest("cam", "10.1.1.1", token, "http://site/", "ua", "hls", "hls_live-hls_mbr_playlist"),
                new PlayPolicy(backend, null, null, false)).join();
    }

    @Test
    void allowedOnceThenServedFromTheTableWithTheReferenceParameters() {
        statuses.put("good", 200);
        Decision d = admit("good");
        assertTrue(d.allowed());
        assertTrue(admit("good").allowed());
        assertNotNull(gate.openSession("cam", "10.1.1.1", "good"));
        assertEquals(1, queries.size(), "the backend is asked once per session");
        String q = queries.get(0);
        for (String p : new String[] {"site=1", "token=good", "name=cam", "ip=10.1.1.1", "referer=http%3A%2F%2Fsite%2F",
                "total_clients=0", "stream_clients=0", "request_type=new_session", "type=hls", "media_request=hls_live-hls_mbr_playlist"}) {
            assertTrue(q.contains(p), p + " in " + q);
        }
    }

    @Test
    void aDenialIsCachedAndARedirectOrSilenceOpensNothing() {
        assertEquals("denied", admit("bad").reason());
        assertEquals("denied", admit("bad").reason());
        assertEquals(1, queries.size(), "a denied token is refused without asking again");
        statuses.put("moved", 302);
        Decision r = admit("moved");
        assertEquals(302, r.status());
        assertEquals("http://elsewhere/x.m3u8", r.location());
        statuses.put("later", 500);
        assertEquals("backend_unavailable", admit("later").reason());
        statuses.put("later", 200);
        assertTrue(admit("later").allowed(), "no answer is not a ban");
    }

    @Test
    void withoutATokenOneIsMadeUnlessNoAutoToken() {
        statuses.put("x", 200);
        PlayRequest none = new PlayRequest("cam", "10.1.1.1", null, null, null, "hls", "hls_live-hls_mbr_playlist");
        assertEquals("token_required", gate.admit(none, new PlayPolicy(backend, null, null, true)).join().reason());
        Decision d = gate.admit(none, new PlayPolicy(null, 5, null, false)).join();
        assertTrue(d.allowed());
        assertTrue(d.session().key().token().matches("[0-9a-f]{32}"));
        assertTrue(queries.isEmpty(), "max_sessions alone asks no backend");
    }

    @Test
    void recheckKeepsTheSessionWhenTheBackendIsSilentAndClosesItWhenItDenies() throws Exception {
        statuses.put("good", 200);
        headers.put("X-AuthDuration", "1");
        PlaySession s = admit("good").session();
        statuses.put("good", 503);
        Thread.sleep(1100);
        gate.sweep();
        waitFor(() -> queries.size() == 2);
        Thread.sleep(100);
        assertTrue(s.isOpen(), "kept as it was");
        assertTrue(queries.get(1).contains("request_type=update_session"));
        gate.recheck(s, BackendAnswer.of(403, h -> null));
        assertFalse(s.isOpen());
        assertNull(gate.openSession("cam", "10.1.1.1", "good"));
        assertEquals("denied", admit("good").reason());
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 100 && !c.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(c.getAsBoolean());
    }

    @Test
    void aPolicyReadBeforeStaysInForceWhileTheSettingsCannotBeRead() {
        PlaybackGate always = new PlaybackGate(new SessionTable(60, s -> { }), new PlayBackend(executor, 8), 0);
        PlayPolicy read = new PlayPolicy(null, 5, null, false);
        java.util.function.Function<String, PlayPolicy> down = s -> {
            throw new IllegalStateException("database unavailable");
        };
        assertSame(read, always.policy("cam1", s -> read));
        assertSame(read, always.policy("cam1", down), "the last policy read, while reading fails");
        assertSame(read, always.policy("cam1", down), "and again at the next try");
        assertThrows(IllegalStateException.class, () -> always.policy("cam2", down), "no policy was ever read for cam2");
        PlayPolicy changed = new PlayPolicy(null, 7, null, false);
        assertSame(changed, always.policy("cam1", s -> changed), "read again once the settings can be read");
    }
}
