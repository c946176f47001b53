package org.openstreamer.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Playback authorization end to end: a stream with {@code on_play} pointing at a backend in this
 * test and {@code max_sessions}, fed by ffmpeg over HTTP PUT. One viewer is one session however
 * many segments it fetches (the backend is asked once); a bad token is refused on the playlist and
 * on a segment URL taken from a good session; a redirect, a backend that times out, a user limit,
 * the stream's limit, a backend that went down, the sessions API, and the history in PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlaybackAuthIT {

    private static final String STREAM = "it-playauth";
    private static final String API = "/streamer/api/v3/streams/";
    private static final String SESSIONS = "/streamer/api/v3/sessions";

    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final Map<String, String> lastQuery = new ConcurrentHashMap<>();
    private HttpServer backend;
    private ExecutorService backendThreads;
    private Process publisher;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (publisher != null) {
            MediaTools.stop(publisher);
        }
        if (backend != null) {
            backend.stop(0);
        }
        if (backendThreads != null) {
            backendThreads.shutdownNow();
        }
        Http.send("DELETE", API + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD, null);
    }

    /** Answers by token: good* allow as user "u-good", lim* allow as user "lim" with one session, bad deny, moved redirect, slow never in time. */
    private void startBackend() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backendThreads = Executors.newFixedThreadPool(4);
        backend.setExecutor(backendThreads);
        backend.createContext("/auth", x -> {
            String q = x.getRequestURI().getRawQuery();
            String token = q.replaceAll(".*(?:^|&)token=([^&]*).*", "$1");
            asked.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            lastQuery.put(token, q);
            int status = 403;
            if (token.startsWith("good") || token.matches("[0-9a-f]{32}")) {
                status = 200;
                x.getResponseHeaders().add("X-UserId", "u-good");
            } else if (token.startsWith("lim")) {
                status = 200;
                x.getResponseHeaders().add("X-UserId", "lim");
                x.getResponseHeaders().add("X-Max-Sessions", "1");
            } else if (token.equals("moved")) {
                status = 302;
                x.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere.m3u8");
            } else if (token.equals("slow")) {
                try {
                    Thread.sleep(4500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
            }
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        backend.start();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return Http.get(path);
    }

    private int asked(String token) {
        AtomicInteger n = asked.get(token);
        return n == null ? 0 : n.get();
    }

    @Test
    void oneViewerOneSessionRefusalsLimitsAndTheSessionsApi() throws Exception {
        startBackend();
        String onPlay = "http://127.0.0.1:" + backend.getAddress().getPort() + "/auth";
        HttpResponse<String> created = Http.send("PUT", API + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD,
                "{\"publish_enabled\":true,\"on_play\":\"" + onPlay + "\",\"max_sessions\":4}");
        assertTrue(created.statusCode() == 200 || created.statusCode() == 201, created.body());
        publisher = MediaTools.publishTs("-method", "PUT", "http://127.0.0.1:8180/" + STREAM + "/mpegts");

        // a good token: the playlist's URLs carry it, and every segment plays within the one session
        String[] playlist = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(45), () -> {
            HttpResponse<String> r = get("/" + STREAM + "/index.m3u8?token=good1");
            playlist[0] = r.body();
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= 2;
        }), () -> "no playlist: " + playlist[0]);
        List<String> segments = MediaTools.segmentUris(playlist[0]);
        assertTrue(segments.stream().allMatch(u -> u.endsWith("?token=good1")), playlist[0]);
        for (int round = 0; round < 3; round++) {
            for (String uri : MediaTools.segmentUris(get("/" + STREAM + "/index.m3u8?token=good1").body())) {
                HttpResponse<byte[]> seg = Http.send(HttpRequest.newBuilder(Http.uri("/" + STREAM + "/" + uri)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, seg.statusCode(), uri);
                assertTrue(seg.body().length > 1000, uri);
            }
        }
        assertEquals(1, asked("good1"), "the backend is asked once per session");
        String q = lastQuery.get("good1");
        for (String p : new String[] {"name=" + STREAM, "ip=127.0.0.1", "request_type=new_session", "type=hls",
                "media_request=hls_live-hls_mbr_playlist", "stream_clients=0", "total_clients="}) {
            assertTrue(q.contains(p), p + " in " + q);
        }

        // a bad token: 403 on the playlist and on a segment URL copied from the good session; asked once
        HttpResponse<String> bad = get("/" + STREAM + "/index.m3u8?token=bad");
        assertEquals(403, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("\"denied\""), bad.body());
        String copied = segments.get(segments.size() - 1).replace("token=good1", "token=bad");
        assertEquals(403, get("/" + STREAM + "/" + copied).statusCode());
        assertEquals(403, get("/" + STREAM + "/" + segments.get(0).replace("?token=good1", "")
                + "?token=bad").statusCode());
        assertEquals(1, asked("bad"), "a denied token is refused without asking again");

        // a redirect goes to the backend's Location; no session
        HttpResponse<String> moved = get("/" + STREAM + "/index.m3u8?token=moved");
        assertEquals(302, moved.statusCode());
        assertEquals("http://127.0.0.1:1/elsewhere.m3u8", moved.headers().firstValue("Location").orElse(""));

        // no token: one is made and written into the URLs
        HttpResponse<String> auto = get("/" + STREAM + "/index.m3u8");
        assertEquals(200, auto.statusCode(), auto.body());
        assertTrue(MediaTools.segmentUris(auto.body()).get(0).matches(".*\\?token=[0-9a-f]{32}"), auto.body());

        // a backend that does not answer within 3 s: not opened, not banned
        long start = System.nanoTime();
        HttpResponse<String> slow = get("/" + STREAM + "/index.m3u8?token=slow");
        assertEquals(403, slow.statusCode(), slow.body());
        assertTrue(slow.body().contains("backend_unavailable"), slow.body());
        assertTrue(System.nanoTime() - start < 4_500_000_000L, "answered at the backend timeout");

        // X-Max-Sessions: 1 for user "lim": the second session of the user closes the first
        assertEquals(200, get("/" + STREAM + "/index.m3u8?token=lim1").statusCode());
        assertEquals(200, get("/" + STREAM + "/index.m3u8?token=lim2").statusCode());
        assertEquals(403, get("/" + STREAM + "/index.m3u8?token=lim1").statusCode(), "the older session of the user is cut");
        assertEquals(200, get("/" + STREAM + "/index.m3u8?token=lim2").statusCode());

        // max_sessions 4: good1, the auto token, lim2 and one more; the fifth viewer is refused
        assertEquals(200, get("/" + STREAM + "/index.m3u8?token=good2").statusCode());
        HttpResponse<String> full = get("/" + STREAM + "/index.m3u8?token=good3");
        assertEquals(403, full.statusCode(), full.body());
        assertTrue(full.body().contains("stream_full"), full.body());

        // the sessions API lists them (one for good1 whatever it fetched) and closes one
        JsonObject list = Http.object(Http.admin(SESSIONS + "?name=" + STREAM));
        assertEquals(4, list.getJsonArray("sessions").size(), list.toString());
        JsonObject good = list.getJsonArray("sessions").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("token").equals("good1")).findFirst().orElseThrow();
        assertEquals("u-good", good.getString("user_id"));
        assertEquals("127.0.0.1", good.getString("ip"));
        assertEquals("hls", good.getString("type"));
        assertTrue(good.getJsonNumber("bytes_sent").longValue() > 10_000, good.toString());
        assertEquals(1, Http.object(Http.admin(SESSIONS + "?user_id=lim")).getJsonArray("sessions").size());
        JsonObject page = Http.object(Http.admin(SESSIONS + "?name=" + STREAM + "&limit=3"));
        assertEquals(3, page.getJsonArray("sessions").size());
        assertEquals(1, Http.object(Http.admin(SESSIONS + "?name=" + STREAM + "&limit=3&cursor=" + page.getString("next")))
                .getJsonArray("sessions").size());
        assertEquals(401, Http.send("DELETE", SESSIONS + "/" + good.getString("id"), null, null, null).statusCode());
        assertEquals(204, Http.send("DELETE", SESSIONS + "/" + good.getString("id"), Http.ADMIN, Http.ADMIN_PASSWORD, null)
                .statusCode());
        assertEquals(403, get("/" + STREAM + "/index.m3u8?token=good1").statusCode(), "a closed session cannot come back at once");
        assertEquals(404, Http.send("DELETE", SESSIONS + "/" + good.getString("id"), Http.ADMIN, Http.ADMIN_PASSWORD, null)
                .statusCode());

        // MPEG-TS over HTTP is a session as long as its connection
        try (InputStream ts = Http.openStream("/" + STREAM + "/mpegts?token=good5")) {
            assertEquals(188 * 20, ts.readNBytes(188 * 20).length);
            assertTrue(Http.object(Http.admin(SESSIONS + "?name=" + STREAM)).getJsonArray("sessions")
                    .getValuesAs(JsonObject.class).stream().anyMatch(s -> s.getString("type").equals("mpegts")));
        }
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> Http.object(Http.admin(SESSIONS + "?name=" + STREAM))
                .getJsonArray("sessions").getValuesAs(JsonObject.class).stream().noneMatch(s -> s.getString("token").equals("good5"))),
                "closed with its connection");

        // the backend goes down: open sessions keep playing, new ones are refused (not banned)
        backend.stop(0);
        backend = null;
        assertEquals(200, get("/" + STREAM + "/index.m3u8?token=lim2").statusCode());
        HttpResponse<String> down = get("/" + STREAM + "/index.m3u8?token=good4");
        assertEquals(403, down.statusCode(), down.body());
        assertTrue(down.body().contains("backend_unavailable"), down.body());

        HttpResponse<String> all = Http.send("DELETE", SESSIONS + "?name=" + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD, null);
        assertEquals(200, all.statusCode(), all.body());
        assertEquals(0, Http.object(Http.admin(SESSIONS + "?name=" + STREAM)).getJsonArray("sessions").size());

        // the history in PostgreSQL, written in batches: the session closed through the API with its user and bytes
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> ConfigApi.count("SELECT count(*) FROM sessions"
                + " WHERE play_session = ? AND stream = ? AND kind = 'play' AND protocol = 'hls' AND token = 'good1'"
                + " AND user_id = 'u-good' AND closed_at IS NOT NULL AND reason = 'closed_by_api' AND bytes_sent > 10000",
                good.getString("id"), STREAM) == 1), "the closed session is in the history");
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> ConfigApi.count("SELECT count(*) FROM sessions"
                + " WHERE stream = ? AND play_session IS NOT NULL AND closed_at IS NULL", STREAM) == 0),
                "every session closed in the history too");
        assertEquals(1, ConfigApi.count("SELECT count(*) FROM sessions WHERE stream = ? AND protocol = 'mpegts'"
                + " AND token = 'good5' AND reason = 'disconnected'", STREAM));
    }

    /** auth://NAME: a block denying 127.0.0.0/8 refuses this test's viewers, one with allow default lets them play. */
    @Test
    void namedBackendsDenyByCidrAndAllowByDefault() throws Exception {
        String lan = STREAM + "-lan";
        String open = STREAM + "-open"; // not STREAM: the gate keeps a stream's policy 5 s, the other test must not see this one
        HttpResponse<String> cfg = ConfigApi.adminTyped("PATCH", ConfigApi.CONFIG, "application/merge-patch+json",
                "{\"auth_backends\":{\"no-loopback\":[\"allow token friend1\",\"deny ip 127.0.0.0/8\",\"allow default\"],"
                        + "\"open\":[\"deny ip 10.0.0.0/8\",\"allow default\"]}}");
        assertEquals(200, cfg.statusCode(), cfg.body());
        try {
            assertTrue(Http.send("PUT", API + lan, Http.ADMIN, Http.ADMIN_PASSWORD,
                    "{\"publish_enabled\":true,\"on_play\":\"auth://no-loopback\"}").statusCode() / 100 == 2);
            assertTrue(Http.send("PUT", API + open, Http.ADMIN, Http.ADMIN_PASSWORD,
                    "{\"publish_enabled\":true,\"on_play\":\"auth://open\"}").statusCode() / 100 == 2);
            publisher = MediaTools.publishTs("-method", "PUT", "http://127.0.0.1:8180/" + open + "/mpegts");

            HttpResponse<String> denied = get("/" + lan + "/index.m3u8?token=t1");
            assertEquals(403, denied.statusCode(), denied.body());
            assertTrue(denied.body().contains("\"denied\""), denied.body());
            assertEquals(403, get("/" + lan + "/mpegts?token=t2").statusCode());
            assertTrue(get("/" + lan + "/index.m3u8?token=friend1").statusCode() != 403, "a token rule comes before the ip rule");

            assertTrue(Deployments.eventually(Duration.ofSeconds(45),
                    () -> get("/" + open + "/index.m3u8?token=v1").statusCode() == 200), "allowed by default");
            assertTrue(Http.object(Http.admin(SESSIONS + "?name=" + open)).getJsonArray("sessions")
                    .getValuesAs(JsonObject.class).stream().anyMatch(s -> s.getString("token").equals("v1")));
        } finally {
            if (publisher != null) {
                MediaTools.stop(publisher);
                publisher = null;
            }
            Http.send("DELETE", API + lan, Http.ADMIN, Http.ADMIN_PASSWORD, null);
            Http.send("DELETE", API + open, Http.ADMIN, Http.ADMIN_PASSWORD, null);
            ConfigApi.adminTyped("PATCH", ConfigApi.CONFIG, "application/merge-patch+json", "{\"auth_backends\":null}");
        }
    }
}
