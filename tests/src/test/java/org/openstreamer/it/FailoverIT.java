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
 * request and stopped after clients_timeout.
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
}
