package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rtsp://} inputs against GStreamer's RTSP server (H.264 + AAC, Digest authentication):
 * one stream takes RTP interleaved over TCP, one over UDP ({@code rtp udp}); both go live and
 * their HLS segments hold H.264 and AAC. A wrong password is a {@code source_lost} with the reason,
 * and stopping the server is one for the live streams.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RtspPullIT {

    private static final String API = "/streamer/api/v3/streams/";
    static final Path SERVER = Path.of("src", "test", "resources", "rtsp", "rtsp_server.py").toAbsolutePath();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> streams = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String s : streams) {
            Http.send("DELETE", API + s, Http.ADMIN, Http.ADMIN_PASSWORD, null);
        }
        processes.forEach(MediaTools::stop);
    }

    /** GStreamer's RTSP server on a free loopback port, serving /test to {@code user}; waits until it listens. */
    private int startServer(String user, String password) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-u", SERVER.toString(), Integer.toString(port), user, password)
                .redirectErrorStream(true).start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("ready", line, "GStreamer's RTSP server (packages gstreamer1.0-rtsp, gir1.2-gst-rtsp-server-1.0, "
                + "python3-gi) did not start");
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "rtsp-server-log");
        drain.setDaemon(true);
        drain.start();
        return port;
    }

    private void createStream(String name, String json) throws Exception {
        HttpResponse<String> r = Http.send("PUT", API + name, Http.ADMIN, Http.ADMIN_PASSWORD, json);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.body());
        streams.add(name);
    }

    private static long events(String type, String stream, String condition) throws Exception {
        return ConfigApi.count("SELECT count(*) FROM events WHERE type = ? AND stream = ?" + condition, type, stream);
    }

    /** The codecs in the stream's first HLS segment, once it has two. */
    private static Set<String> segmentCodecs(String stream) throws Exception {
        String[] text = {null};
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> {
            HttpResponse<String> r = Http.get("/" + stream + "/index.m3u8");
            text[0] = r.body();
            return r.statusCode() == 200 && MediaTools.segmentUris(r.body()).size() >= 2;
        }), () -> "no playlist with 2 segments for " + stream + ": " + text[0]);
        String uri = MediaTools.segmentUris(text[0]).get(0);
        HttpResponse<byte[]> r = Http.send(HttpRequest.newBuilder(Http.uri("/" + stream + "/" + uri)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        Path file = MediaTools.write(Path.of("target", "rtsp-it", stream + "-" + uri.replace('/', '_')), r.body());
        return MediaTools.probe(file.toString()).getJsonArray("streams").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("codec_name")).collect(Collectors.toSet());
    }

    @Test
    void camerasOverTcpAndUdpGoLiveAndFailuresAreReported() throws Exception {
        int port = startServer("viewer", "cam-secret-1");
        String url = "rtsp://viewer:cam-secret-1@127.0.0.1:" + port + "/test";
        createStream("it-rtsp-tcp", "{\"inputs\":[{\"url\":\"" + url + "\",\"source_timeout\":10}]}");
        createStream("it-rtsp-udp", "{\"rtp\":\"udp\",\"inputs\":[{\"url\":\"" + url + "\",\"source_timeout\":10}]}");
        createStream("it-rtsp-badpw", "{\"inputs\":[{\"url\":\"rtsp://viewer:wrong@127.0.0.1:" + port + "/test\"}]}");

        assertEquals(Set.of("h264", "aac"), segmentCodecs("it-rtsp-tcp"));
        assertEquals(Set.of("h264", "aac"), segmentCodecs("it-rtsp-udp"));
        assertTrue(events("publish_started", "it-rtsp-tcp", " AND data->>'protocol' = 'rtsp'") > 0);
        assertEquals("udp", ConfigApi.getStreamWithStats("it-rtsp-udp").getString("rtp"));

        assertTrue(Deployments.eventually(Duration.ofSeconds(10), () -> events("source_lost", "it-rtsp-badpw",
                " AND data->>'reason' LIKE '%401 Unauthorized%wrong user or password'") > 0), "a wrong password is reported");
        JsonObject stats = ConfigApi.getStreamWithStats("it-rtsp-badpw").getJsonObject("stats");
        assertTrue(stats.getString("error", "").contains("wrong user or password"), stats.toString());
        assertFalse(stats.toString().contains("wrong@") || stats.toString().contains(":wrong"), "no password shown: " + stats);
        JsonObject live = ConfigApi.getStreamWithStats("it-rtsp-tcp").getJsonObject("stats"); // inputs keep the URL as configured
        assertEquals("rtsp://viewer:***@127.0.0.1:" + port + "/test", live.getString("url"), live.toString());

        MediaTools.stop(processes.get(0)); // the camera goes away
        for (String s : List.of("it-rtsp-tcp", "it-rtsp-udp")) {
            assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> events("source_lost", s, "") > 0),
                    "source_lost for " + s);
        }
    }
}
