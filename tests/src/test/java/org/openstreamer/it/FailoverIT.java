package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.it.ConfigApi.STREAMS;
import static org.openstreamer.it.ConfigApi.admin;
import static org.openstreamer.it.ConfigApi.putStream;

/**
 * Stream lifecycles, failover and backup end to end, with Debian's ffmpeg feeding loopback UDP
 * ports 24101-24104 and SRT port 24105: a secondary input takes over when the primary stops and
 * hands back when it returns (the playlist grows through both, with a discontinuity, never a 404);
 * the backup file plays while a publisher is away; an on-demand stream is started by a playlist
 * request and stopped after clients_timeout; a stream's own frames_timeout (port 24106) raises
 * frames_timed_out and frames_restored; an HTTP MPEG-TS publisher (ffmpeg, paused with SIGSTOP)
 * that stays connected without frames gives way to the backup and takes the stream back on the
 * same connection when it goes on.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(67)
class FailoverIT {

    private static final String PRIMARY = "udp://127.0.0.1:24101";
    private static final String SECONDARY = "udp://127.0.0.1:24102";
    private final List<Process> processes = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        ConfigApi.cleanUp();
    }

    private Process feed(String udp) throws Exception {
        Process p = MediaTools.publishTs(udp + "?pkt_size=1316");
        processes.add(p);
        return p;
    }

    private static JsonObject stats(String name) throws Exception {
        return Http.object(admin("GET", STREAMS + name, null)).getJsonObject("stats");
    }

    private static String activeUrl(String name) throws Exception {
        JsonObject s = stats(name);
        return s.containsKey("url") && !s.isNull("url") ? s.getString("url") : null;
    }

    private static void await(String what, int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        assertTrue(Deployments.eventually(Duration.ofSeconds(seconds), condition), what);
    }

    /** The playlist's segment URIs; every request made while waiting must be answered 200. */
    private static List<String> segments(String name) throws Exception {
        HttpResponse<String> r = Http.get("/" + name + "/index.m3u8");
        assertEquals(200, r.statusCode(), "the playlist of " + name + " while inputs switch: " + r.body());
        return MediaTools.segmentUris(r.body());
    }

    @Test
    void theSecondaryTakesOverAndThePrimaryIsTakenBack() throws Exception {
        String name = "it-failover/cam";
        assertEquals(201, putStream(name, "{\"segment_duration\":2,\"inputs\":["
                + "{\"url\":\"" + PRIMARY + "\",\"priority\":1,\"source_timeout\":2},"
                + "{\"url\":\"" + SECONDARY + "\",\"priority\":2,\"source_timeout\":2}]}").statusCode());
        Process primary = feed(PRIMARY);
        feed(SECONDARY);
        await("the primary feeds", 20, () -> PRIMARY.equals(activeUrl(name)) && stats(name).getBoolean("alive"));
        await("a first segment", 20, () -> Http.get("/" + name + "/index.m3u8").statusCode() == 200);

        MediaTools.stop(primary);
        long stoppedAt = System.nanoTime();
        String lastSegment = null;
        while (!SECONDARY.equals(activeUrl(name))) {
            assertTrue(System.nanoTime() - stoppedAt < Duration.ofSeconds(15).toNanos(), "the secondary takes over");
            List<String> s = segments(name);
            lastSegment = s.isEmpty() ? lastSegment : s.get(s.size() - 1);
            Thread.sleep(300);
        }
        long switchMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        await("a source_switch event from failover", 10, () -> {
            JsonObject e = StreamOperationsIT.latestEvent("source_switch");
            return name.equals(e.getString("stream", null)) && SECONDARY.equals(e.getJsonObject("data").getString("to", null));
        });
        String before = lastSegment;
        await("the playlist grows from the secondary, after a discontinuity", 20, () -> {
            HttpResponse<String> r = Http.get("/" + name + "/index.m3u8");
            assertEquals(200, r.statusCode());
            List<String> s = MediaTools.segmentUris(r.body());
            return r.body().contains("#EXT-X-DISCONTINUITY") && !s.isEmpty() && !s.get(s.size() - 1).equals(before);
        });
        JsonObject s = stats(name);
        List<JsonObject> inputs = s.getJsonArray("inputs").getValuesAs(JsonObject.class);
        assertEquals(PRIMARY, inputs.get(0).getString("url"), s.toString());
        assertEquals("failed", inputs.get(0).getString("state"), s.toString());
        assertTrue(inputs.get(0).containsKey("last_error"), s.toString());
        assertEquals("active", inputs.get(1).getString("state"), s.toString());

        feed(PRIMARY);
        long restartedAt = System.nanoTime();
        while (!PRIMARY.equals(activeUrl(name))) {
            assertTrue(System.nanoTime() - restartedAt < Duration.ofSeconds(20).toNanos(), "the primary is taken back");
            segments(name);
            Thread.sleep(300);
        }
        long takeBackMs = (System.nanoTime() - restartedAt) / 1_000_000;
        System.out.println("FailoverIT: secondary active " + switchMs + " ms after the primary stopped (source_timeout 2 s);"
                + " primary taken back " + takeBackMs + " ms after it came back");
        assertTrue(stats(name).getBoolean("running"));
    }

    @Test
    void theBackupPlaysWhileThePublisherIsAway() throws Exception {
        String name = "it-failover/pub";
        Path data = Path.of(System.getProperty("it.server.log")).getParent().getParent().resolve("data");
        Path file = data.resolve("vod/it-failover/blank.ts");
        Files.createDirectories(file.getParent());
        Files.copy(MediaTools.fixture(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(201, putStream(name, "{\"segment_duration\":2,\"inputs\":[{\"url\":\"publish://\"}],"
                + "\"srt_publish\":{\"port\":24105},\"backup\":{\"file\":\"it-failover/blank.ts\"}}").statusCode());

        await("the backup plays", 20, () -> stats(name).getBoolean("backup") && stats(name).getBoolean("alive"));
        await("a stream_backup event", 10, () -> name.equals(StreamOperationsIT.latestEvent("stream_backup").getString("stream", null)));
        await("viewers get the backup", 20, () -> Http.get("/" + name + "/index.m3u8").statusCode() == 200);

        Process publisher = MediaTools.publish("srt://127.0.0.1:24105");
        processes.add(publisher);
        await("the publisher is let in over the backup", 20, () -> {
            JsonObject s = stats(name);
            return !s.getBoolean("backup") && s.containsKey("publisher") && !s.isNull("publisher") && s.getBoolean("alive");
        });

        MediaTools.stop(publisher);
        await("the backup plays again once the publisher left", 20, () -> stats(name).getBoolean("backup"));
        segments(name);
    }

    private static Path backupFile() throws Exception {
        Path data = Path.of(System.getProperty("it.server.log")).getParent().getParent().resolve("data");
        Path file = data.resolve("vod/it-failover/blank.ts");
        Files.createDirectories(file.getParent());
        Files.copy(MediaTools.fixture(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private static void signal(Process p, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
    }

    @Test
    void aConnectedPublisherWithoutFramesGivesWayToTheBackupAndTakesTheStreamBack() throws Exception {
        String name = "it-failover/silent";
        backupFile();
        assertEquals(201, putStream(name, "{\"segment_duration\":2,\"inputs\":[{\"url\":\"publish://\",\"source_timeout\":2}],"
                + "\"backup\":{\"file\":\"it-failover/blank.ts\"}}").statusCode());
        await("the backup plays before the publisher", 20, () -> stats(name).getBoolean("backup"));

        Process publisher = MediaTools.publishTs("http://127.0.0.1:8180/" + name + "/mpegts");
        processes.add(publisher);
        await("the HTTP publisher is let in over the backup", 20, () -> {
            JsonObject s = stats(name);
            return !s.getBoolean("backup") && s.containsKey("publisher") && !s.isNull("publisher") && s.getBoolean("alive");
        });
        String peer = stats(name).getString("publisher");
        await("the publisher's segments", 20, () -> Http.get("/" + name + "/index.m3u8").statusCode() == 200);

        signal(publisher, "STOP"); // the connection stays open, nothing comes
        long pausedAt = System.nanoTime();
        while (!stats(name).getBoolean("backup")) {
            assertTrue(System.nanoTime() - pausedAt < Duration.ofSeconds(15).toNanos(), "the backup plays for the silent publisher");
            segments(name);
            Thread.sleep(300);
        }
        long backupMs = (System.nanoTime() - pausedAt) / 1_000_000;
        JsonObject lost = StreamOperationsIT.latestEvent("source_lost");
        assertEquals(name, lost.getString("stream"), lost.toString());
        assertEquals(peer, lost.getJsonObject("data").getString("peer"), lost.toString());
        await("a stream_backup event", 10, () -> name.equals(StreamOperationsIT.latestEvent("stream_backup").getString("stream", null)));
        HttpResponse<String> second = Http.send(java.net.http.HttpRequest.newBuilder(Http.uri("/" + name + "/mpegts"))
                .version(java.net.http.HttpClient.Version.HTTP_1_1).PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[188]))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, second.statusCode(), "the silent publisher still has the stream: " + second.body());

        signal(publisher, "CONT");
        long resumedAt = System.nanoTime();
        while (stats(name).getBoolean("backup")) {
            assertTrue(System.nanoTime() - resumedAt < Duration.ofSeconds(10).toNanos(), "the publisher takes the stream back");
            segments(name);
            Thread.sleep(200);
        }
        long backMs = (System.nanoTime() - resumedAt) / 1_000_000;
        assertTrue(publisher.isAlive(), "the same connection goes on");
        await("its frames feed the stream again, on the same connection", 10, () -> {
            JsonObject s = stats(name);
            return peer.equals(s.getString("publisher", null)) && s.getBoolean("alive");
        });
        await("the playlist marks the switches", 10, () -> {
            HttpResponse<String> r = Http.get("/" + name + "/index.m3u8");
            return r.statusCode() == 200 && r.body().contains("#EXT-X-DISCONTINUITY");
        });
        System.out.println("FailoverIT: backup " + backupMs + " ms after the publisher fell silent (source_timeout 2 s);"
                + " publisher back " + backMs + " ms after it went on");
    }

    @Test
    void anOnDemandStreamStartsWithAPlaylistRequestAndStopsAfterClientsTimeout() throws Exception {
        String name = "it-failover/ondemand";
        String url = "udp://127.0.0.1:24104";
        assertEquals(201, putStream(name, "{\"static\":false,\"clients_timeout\":3,\"segment_duration\":2,"
                + "\"inputs\":[{\"url\":\"" + url + "\"}]}").statusCode());
        feed(url);
        assertEquals("idle", stats(name).getString("status"), "nothing runs before a viewer");

        long asked = System.nanoTime();
        HttpResponse<String> playlist = Http.get("/" + name + "/index.m3u8");
        long waitedMs = (System.nanoTime() - asked) / 1_000_000;
        assertEquals(200, playlist.statusCode(), "the first viewer waits for the stream instead of a 404: " + playlist.body());
        assertTrue(playlist.body().contains("#EXTINF"), playlist.body());
        await("a stream_started event", 10, () -> name.equals(StreamOperationsIT.latestEvent("stream_started").getString("stream", null)));
        System.out.println("FailoverIT: the first playlist of an on-demand stream came after " + waitedMs + " ms");

        await("stopped after clients_timeout without viewers", 20,
                () -> name.equals(StreamOperationsIT.latestEvent("stream_stopped").getString("stream", null)));
        JsonObject stopped = StreamOperationsIT.latestEvent("stream_stopped");
        assertEquals(name, stopped.getString("stream"), stopped.toString());
        assertTrue(stopped.getJsonObject("data").getString("reason").contains("clients_timeout"), stopped.toString());
    }

    @Test
    void framesTimeoutIsTheStreamsOwnAndFramesRestoredFollows() throws Exception {
        String name = "it-failover/frames";
        String url = "udp://127.0.0.1:24106";
        assertEquals(201, putStream(name, "{\"frames_timeout\":1,\"segment_duration\":2,"
                + "\"inputs\":[{\"url\":\"" + url + "\",\"source_timeout\":30}]}").statusCode());
        assertEquals(1, Http.object(admin("GET", STREAMS + name, null)).getInt("frames_timeout"));
        Process sender = feed(url);
        await("the input feeds", 20, () -> stats(name).getBoolean("alive"));

        MediaTools.stop(sender);
        await("frames_timed_out after the stream's 1 s", 10, () -> {
            JsonObject e = StreamOperationsIT.latestEvent("frames_timed_out");
            return name.equals(e.getString("stream", null));
        });
        JsonObject timedOut = StreamOperationsIT.latestEvent("frames_timed_out");
        assertEquals(1000, timedOut.getJsonObject("data").getInt("timeout_ms"), timedOut.toString());
        feed(url);
        await("frames_restored when the sender is back, before source_timeout", 20, () -> {
            JsonObject e = StreamOperationsIT.latestEvent("frames_restored");
            return name.equals(e.getString("stream", null));
        });
        assertEquals(url, activeUrl(name), "the same input: no failover for a short gap");
    }
}
