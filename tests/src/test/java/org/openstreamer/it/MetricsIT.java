package org.openstreamer.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openstreamer.web.metrics.ExpositionParser;
import org.openstreamer.web.metrics.ExpositionParser.Exposition;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics} while a stream runs: every line parses with a strict reader of the text
 * format, the stream's counters move between two scrapes, and its SRT publisher and player have
 * libsrt's figures. Without credentials the answer is 401.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(66)
class MetricsIT {

    private static final String STREAM = "metrics-cam";
    private final List<Process> processes = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        Http.send("DELETE", "/streamer/api/v3/streams/" + STREAM, Http.ADMIN, Http.ADMIN_PASSWORD, null);
    }

    private static Exposition scrape() throws Exception {
        HttpResponse<String> r = Http.get("/metrics", Http.ADMIN, Http.ADMIN_PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        return ExpositionParser.parse(r.body());
    }

    @Test
    void scrapesParseAndMoveWhileAStreamRuns() throws Exception {
        HttpResponse<String> created = Http.send("PUT", "/streamer/api/v3/streams/" + STREAM, Http.ADMIN,
                Http.ADMIN_PASSWORD, "{\"inputs\":[{\"url\":\"publish://\"}],\"srt_publish\":{\"port\":20170},"
                        + "\"srt_play\":{\"port\":20171},\"segment_duration\":1}");
        assertTrue(created.statusCode() == 200 || created.statusCode() == 201, created.body());
        processes.add(MediaTools.publish("srt://127.0.0.1:20170"));

        Map<String, String> stream = Map.of("stream", STREAM);
        Map<String, String> publisher = Map.of("stream", STREAM, "role", "publisher");
        assertTrue(Deployments.eventually(Duration.ofSeconds(40), () -> {
            Exposition e = scrape();
            Double segments = e.value("openstreamer_stream_segments_total", stream);
            return segments != null && segments >= 2 && e.value("openstreamer_srt_rtt_seconds", publisher) != null;
        }), "the stream never showed segments and an SRT publisher in /metrics");

        processes.add(new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", "srt://127.0.0.1:20171",
                "-c", "copy", "-f", "mpegts", "-y", "/dev/null")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        Map<String, String> player = Map.of("stream", STREAM, "role", "player");
        assertTrue(Deployments.eventually(Duration.ofSeconds(20), () -> {
            Exposition e = scrape();
            Double viewers = e.value("openstreamer_stream_viewers", stream);
            Double sent = e.value("openstreamer_srt_sent_bytes_total", player);
            return viewers != null && viewers >= 1 && sent != null && sent > 0;
        }), "the SRT player never showed in /metrics");

        Exposition first = scrape();
        Thread.sleep(2500);
        Exposition second = scrape();

        grows(first, second, "openstreamer_stream_input_bytes_total", stream);
        grows(first, second, "openstreamer_stream_output_bytes_total", stream);
        grows(first, second, "openstreamer_stream_segments_total", stream);
        grows(first, second, "openstreamer_srt_packets_received_total", publisher);
        grows(first, second, "openstreamer_srt_received_bytes_total", publisher);
        grows(first, second, "openstreamer_srt_packets_sent_total", player);
        assertTrue(second.value("openstreamer_stream_input_bits_per_second", stream) > 100_000, "input rate");
        assertEquals(1.0, second.value("openstreamer_stream_publishing", stream));
        for (String loss : List.of("openstreamer_srt_packets_received_lost_total", "openstreamer_srt_packets_retransmitted_total",
                "openstreamer_srt_packets_received_dropped_total", "openstreamer_srt_packets_received_undecrypted_total",
                "openstreamer_srt_receive_buffer_seconds")) {
            Double v = second.value(loss, publisher);
            assertNotNull(v, loss + " of the publisher");
            assertTrue(v >= 0, loss);
        }
        assertTrue(second.value("openstreamer_srt_rtt_seconds", publisher) >= 0);
        assertEquals("counter", second.types().get("openstreamer_stream_input_bytes_total"));
        assertTrue(second.value("openstreamer_streams", Map.of("state", "publishing")) >= 1);
        assertEquals(1.0, second.value("openstreamer_engine_up", Map.of()));
        assertTrue(second.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(second.value("process_cpu_seconds_total", Map.of()) > 0);
    }

    private static void grows(Exposition before, Exposition after, String name, Map<String, String> labels) {
        Double a = before.value(name, labels);
        Double b = after.value(name, labels);
        assertNotNull(a, name + " " + labels + " in the first scrape");
        assertNotNull(b, name + " " + labels + " in the second scrape");
        assertTrue(b > a, name + " " + labels + " did not grow: " + a + " then " + b);
    }

    @Test
    void aScrapeNeedsCredentials() throws Exception {
        assertEquals(401, Http.get("/metrics").statusCode());
        assertEquals(401, Http.get("/metrics", Http.ADMIN, "wrong-password").statusCode());
    }
}
