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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Playback authorization of the engine's own players: SRT (token in the streamid) and RTMP (token
 * in the stream name's query) pass the same {@code on_play} backend and sessions as HTTP. A good
 * token plays, a bad one is refused with its reason (then in the handshake while the denial is
 * remembered) while another stream keeps playing, a session the backend denies on its re-check
 * is cut, and the server's {@code max_sessions} refuses the extra player in the SRT handshake.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PlayerAuthIT {

    private static final String HOST = "127.0.0.1";
    private static final int RTMP_PORT = 1935 + Integer.getInteger("it.port.offset", 100);
    private static final String AUTH = "it-pa-auth";
    private static final String OPEN = "it-pa-open";
    private static final String RULES_STREAM = "it-pa-rules";
    private static final String RULES = "it-lo";
    private static final String SESSIONS = "/streamer/api/v3/sessions";

    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final Map<String, String> lastQuery = new ConcurrentHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private HttpServer backend;
    private ExecutorService backendThreads;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        if (backend != null) {
            backend.stop(0);
            backendThreads.shutdownNow();
        }
        ConfigApi.cleanUp();
    }

    /** good* allowed; soft* allowed as user "soft" with one session; revoke* allowed once for 2 s, then denied; anything else denied. */
    private String startBackend() throws Exception {
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backendThreads = Executors.newFixedThreadPool(4);
        backend.setExecutor(backendThreads);
        backend.createContext("/auth", x -> {
            String q = x.getRequestURI().getRawQuery();
            String token = q.replaceAll(".*(?:^|&)token=([^&]*).*", "$1");
            int n = asked.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            lastQuery.put(token, q);
            int status = 403;
            if (token.startsWith("good")) {
                status = 200;
            } else if (token.startsWith("soft")) {
                status = 200;
                x.getResponseHeaders().add("X-UserId", "soft");
                x.getResponseHeaders().add("X-Max-Sessions", "1");
            } else if (token.startsWith("revoke") && n == 1) {
                status = 200;
                x.getResponseHeaders().add("X-AuthDuration", "2");
            }
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        backend.start();
        return "http://" + HOST + ":" + backend.getAddress().getPort() + "/auth";
    }

    private static String srtPlay(int port, String token) {
        return "srt://" + HOST + ":" + port + "?streamid=#!::m=request" + (token == null ? "" : ",token=" + token);
    }

    /** ffmpeg reading {@code seconds} of {@code url}; its exit code and output. */
    private static MediaTools.Result read(String url, int seconds) throws Exception {
        return MediaTools.exec(new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-rw_timeout", "8000000",
                "-i", url, "-t", Integer.toString(seconds), "-c", "copy", "-f", "null", "-").redirectErrorStream(true), 25);
    }

    private static HttpResponse<String> getWithReferer(String path, String referer) throws Exception {
        return Http.send(java.net.http.HttpRequest.newBuilder(Http.uri(path)).header("Referer", referer).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long lastEventId() throws Exception {
        return ConfigApi.count("SELECT coalesce(max(id), 0) FROM events");
    }

    private static long rejections(long since, int port, int code, String words) throws Exception {
        return ConfigApi.count("SELECT count(*) FROM events WHERE type = 'connection_rejected' AND id > ?"
                + " AND data->>'port' = ? AND data->>'code' = ? AND data->>'reason' LIKE ?",
                since, Integer.toString(port), Integer.toString(code), "%" + words + "%");
    }

    @Test
    void srtAndRtmpPlayersPassTheOnPlayBackendAndTheServerLimit() throws Exception {
        String onPlay = startBackend();
        assertEquals(201, ConfigApi.putStream(AUTH, "{\"inputs\":[{\"url\":\"publish://\"}],\"on_play\":\"" + onPlay
                + "\",\"srt_publish\":{\"port\":20611},\"srt_play\":{\"port\":20612},\"segment_duration\":2}").statusCode());
        assertEquals(201, ConfigApi.putStream(OPEN, "{\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"srt_publish\":{\"port\":20613},\"srt_play\":{\"port\":20614},\"segment_duration\":2}").statusCode());
        processes.add(MediaTools.publish("srt://" + HOST + ":20611"));
        processes.add(MediaTools.publish("srt://" + HOST + ":20613"));
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () ->
                        Http.get("/" + OPEN + "/index.m3u8").statusCode() == 200
                                && Http.get("/" + AUTH + "/index.m3u8?token=good-hls").statusCode() == 200),
                "both streams go live");

        // SRT: a good token from the streamid plays, asked once with type=srt
        MediaTools.Result good = read(srtPlay(20612, "good-srt"), 2);
        assertEquals(0, good.exit(), good.output());
        assertEquals(1, asked.get("good-srt").get());
        String q = lastQuery.get("good-srt");
        for (String p : new String[] {"name=" + AUTH, "ip=127.0.0.1", "type=srt", "request_type=new_session",
                "media_request=srt_handler-play"}) {
            assertTrue(q.contains(p), p + " in " + q);
        }
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> Http.object(Http.admin(SESSIONS + "?name=" + AUTH))
                .getJsonArray("sessions").getValuesAs(JsonObject.class).stream().noneMatch(s -> s.getString("token")
                        .equals("good-srt"))), "the SRT session closed with its connection");

        // a bad token: let in, then cut with 1403 and the reason; again at once: refused in the handshake
        long since = lastEventId();
        MediaTools.Result bad = read(srtPlay(20612, "bad-srt"), 2);
        assertNotEquals(0, bad.exit(), bad.output());
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> rejections(since, 20612, 1403, "denied") >= 1),
                "the refusal is recorded with 1403 and its reason");
        MediaTools.Result again = read(srtPlay(20612, "bad-srt"), 2);
        assertNotEquals(0, again.exit(), again.output());
        assertTrue(again.output().toUpperCase().contains("REJECT"), again.output());
        assertEquals(1, asked.get("bad-srt").get(), "a denied token is not asked about again");
        // meanwhile the other stream keeps playing
        MediaTools.Result other = read(srtPlay(20614, null), 2);
        assertEquals(0, other.exit(), other.output());

        // a session the backend denies on its re-check (X-AuthDuration: 2) is cut
        long start = System.nanoTime();
        MediaTools.Result revoked = read(srtPlay(20612, "revoke-srt"), 20);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < 14, "the SRT player was cut after " + seconds + " s: " + revoked.output());
        assertTrue(asked.get("revoke-srt").get() >= 2, "asked again on the re-check");

        // RTMP: the token in the stream name's query
        MediaTools.Result rtmp = MediaTools.exec(new ProcessBuilder("ffprobe", "-hide_banner", "-v", "error",
                "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                "rtmp://" + HOST + ":" + RTMP_PORT + "/static/" + AUTH + "?token=good-rtmp").redirectErrorStream(true), 20);
        assertEquals(0, rtmp.exit(), rtmp.output());
        assertTrue(rtmp.output().contains("h264"), rtmp.output());
        assertTrue(lastQuery.get("good-rtmp").contains("type=rtmp"), lastQuery.get("good-rtmp"));
        MediaTools.Result noToken = MediaTools.exec(new ProcessBuilder("ffprobe", "-hide_banner", "-v", "error",
                "rtmp://" + HOST + ":" + RTMP_PORT + "/static/" + AUTH).redirectErrorStream(true), 20);
        assertNotEquals(0, noToken.exit(), noToken.output());
        assertTrue(noToken.output().contains("refused"), noToken.output());

        // the server's max_sessions (every stream's players are sessions then): the extra SRT player is refused in the handshake
        assertEquals(200, Http.send("DELETE", SESSIONS + "?name=" + AUTH, Http.ADMIN, Http.ADMIN_PASSWORD, null).statusCode());
        assertEquals(0, Http.object(Http.admin(SESSIONS)).getJsonArray("sessions").size(), "no session left open");
        assertEquals(200, ConfigApi.admin("PUT", ConfigApi.CONFIG, "{\"max_sessions\":1}").statusCode());
        Thread.sleep(6000); // a stream's playback policy is read again within 5 s
        Process holder = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", srtPlay(20614, "holder"),
                "-c", "copy", "-f", "null", "-").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(holder);
        assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> Http.object(Http.admin(SESSIONS + "?name=" + OPEN))
                .getJsonArray("sessions").size() == 1), "the first player holds the server's only session");
        long before = lastEventId();
        MediaTools.Result extra = read(srtPlay(20614, "extra"), 2);
        assertNotEquals(0, extra.exit(), extra.output()); // in the handshake if the policy is cached, else right after
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> rejections(before, 20614, 1403, "server_full") >= 1),
                "refused as server_full");
        assertTrue(holder.isAlive(), "the player already watching keeps watching");
    }

    /**
     * An auth_backend rule by address refuses an SRT player in the handshake itself (1403, the
     * backend never asked); once the rule no longer matches 127.0.0.1 the backend decides and the
     * player plays. The stream's domains refuse a foreign Referer with 403 referer_denied and let
     * a page of the list (or no Referer) play; soft_limitation keeps a user's older session open
     * when a second one opens beyond its X-Max-Sessions.
     */
    @Test
    void handshakeRulesDomainsAndSoftLimitation() throws Exception {
        String onPlay = startBackend();
        String rules = RULES;
        assertEquals(200, ConfigApi.adminTyped("PATCH", ConfigApi.CONFIG, "application/merge-patch+json",
                "{\"auth_backends\":{\"" + rules + "\":[\"deny ip 127.0.0.1\",\"backend " + onPlay + "\"]}}").statusCode());
        assertEquals(201, ConfigApi.putStream(RULES_STREAM, "{\"inputs\":[{\"url\":\"publish://\"}],\"on_play\":\"auth://"
                + rules + "\",\"soft_limitation\":true,\"domains\":[\"example.com\",\"*.example.com\"],"
                + "\"srt_publish\":{\"port\":20615},\"srt_play\":{\"port\":20616},\"segment_duration\":2}").statusCode());
        processes.add(MediaTools.publish("srt://" + HOST + ":20615"));
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () ->
                Http.get("/" + RULES_STREAM + "/media_info.json").statusCode() == 200), "the stream goes live");

        // deny ip 127.0.0.1: refused over HTTP, and in the SRT handshake once the stream's settings are known
        HttpResponse<String> http = Http.get("/" + RULES_STREAM + "/index.m3u8?token=r0");
        assertEquals(403, http.statusCode(), http.body());
        assertTrue(http.body().contains("\"denied\""), http.body());
        long since = lastEventId();
        MediaTools.Result refused = read(srtPlay(20616, "r1"), 2);
        assertNotEquals(0, refused.exit(), refused.output());
        assertTrue(refused.output().toUpperCase().contains("REJECT"), "rejected in the handshake: " + refused.output());
        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> rejections(since, 20616, 1403, "denied") >= 1),
                "the refusal is recorded with 1403");
        assertEquals(null, asked.get("r1"), "a rule decided: the backend was not asked");

        // the rule no longer matches 127.0.0.1 (deny ip 127.0.0.2): the backend decides
        assertEquals(200, ConfigApi.adminTyped("PATCH", ConfigApi.CONFIG, "application/merge-patch+json",
                "{\"auth_backends\":{\"" + rules + "\":[\"deny ip 127.0.0.2\",\"backend " + onPlay + "\"]}}").statusCode());
        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> read(srtPlay(20616, "good-r"), 2).exit() == 0),
                "plays once the rule does not match");
        assertTrue(asked.get("good-r") != null, "the backend decided");

        // domains: a foreign Referer is refused before anything else; a listed page or none plays
        HttpResponse<String> foreign = getWithReferer("/" + RULES_STREAM + "/index.m3u8?token=good-d1", "https://evil.test/player");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.body().contains("referer_denied"), foreign.body());
        assertEquals(null, asked.get("good-d1"), "refused without asking the backend");
        assertEquals(200, getWithReferer("/" + RULES_STREAM + "/index.m3u8?token=good-d2", "https://www.example.com/tv").statusCode());
        assertEquals(200, getWithReferer("/" + RULES_STREAM + "/index.m3u8?token=good-d3", "http://example.com/").statusCode());
        assertEquals(200, Http.get("/" + RULES_STREAM + "/index.m3u8?token=good-d4").statusCode(), "no Referer: not protected");
        assertEquals(403, getWithReferer("/" + RULES_STREAM + "/index.m3u8?token=good-d2", "https://example.org/").statusCode(),
                "an open session's request from a foreign page is refused too");

        // soft_limitation: user "soft" may hold one session, yet its first is not cut when the second opens
        assertEquals(200, Http.get("/" + RULES_STREAM + "/index.m3u8?token=soft1").statusCode());
        assertEquals(200, Http.get("/" + RULES_STREAM + "/index.m3u8?token=soft2").statusCode());
        assertEquals(200, Http.get("/" + RULES_STREAM + "/index.m3u8?token=soft1").statusCode(), "not cut at once");
        assertEquals(2, Http.object(Http.admin(SESSIONS + "?user_id=soft")).getJsonArray("sessions").size());
    }
}
