package org.openstreamer.web.metrics;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DelayStats;
import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.connector.api.SrtRangeInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole exposition of a made-up engine, read back with the strict parser. */
class MetricsExpositionTest {

    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    private static PipelineInfo pipeline(String name, String state, long bytesIn, long lastFrameMs) {
        return new PipelineInfo(name, state, START, 3, 2_500_000, 7, lastFrameMs, "10.0.0.9:5000", 9000, bytesIn,
                900, null, 1_000_000, null, null, false);
    }

    private static EngineSnapshot snapshot() {
        EngineInfo info = new EngineInfo("1.0", START, true, true, "8.0", true, null, true,
                new DelayStats(10, 2_000, 40_000, 90_000), SrtRangeInfo.NONE);
        List<StreamFigures> streams = List.of(
                new StreamFigures(pipeline("cam1", "publishing", 188_000, 20), new DvrStatus(true, null, 4, 4096, 1), 12),
                new StreamFigures(pipeline("live/cam2", "waiting", 0, -1), DvrStatus.NONE, 0));
        List<SrtConnectionStats> srt = List.of(
                new SrtConnectionStats("cam1", "publisher", "10.0.0.9:5000", 9000, 12.5, 1000, 20, 3, 0, 0, 1, 0, 2,
                        1_400_000, 900, 120, 0, 95.5),
                new SrtConnectionStats("cam1", "player", "[::1]:6000", 9000, 0.5, 5, 800, 0, 4, 4, 0, 0, 0, 300, 1_100_000,
                        0, 80, 500));
        return new EngineSnapshot(info, streams, srt);
    }

    private static ExpositionParser.Exposition exposition() {
        StringBuilder out = new StringBuilder();
        MetricsServlet.write(new PrometheusText(out), snapshot());
        return ExpositionParser.parse(out.toString());
    }

    @Test
    void perStreamFigures() {
        ExpositionParser.Exposition e = exposition();
        Map<String, String> cam1 = Map.of("stream", "cam1");
        assertEquals(188_000.0, e.value("openstreamer_stream_input_bytes_total", cam1));
        assertEquals(900.0, e.value("openstreamer_stream_output_bytes_total", cam1));
        assertEquals(2_500_000.0, e.value("openstreamer_stream_input_bits_per_second", cam1));
        assertEquals(1_000_000.0, e.value("openstreamer_stream_output_bits_per_second", cam1));
        assertEquals(3.0, e.value("openstreamer_stream_viewers", cam1));
        assertEquals(12.0, e.value("openstreamer_stream_segments_total", cam1));
        assertEquals(7.0, e.value("openstreamer_stream_input_errors_total", cam1));
        assertEquals(0.02, e.value("openstreamer_stream_last_frame_age_seconds", cam1));
        assertEquals(1.0, e.value("openstreamer_stream_publishing", cam1));
        assertEquals(4096.0, e.value("openstreamer_stream_dvr_bytes_total", cam1));
        assertEquals(1.0, e.value("openstreamer_stream_dvr_errors_total", cam1));
        assertEquals("counter", e.types().get("openstreamer_stream_input_bytes_total"));
        assertEquals("gauge", e.types().get("openstreamer_stream_viewers"));
    }

    @Test
    void aStreamWithoutFramesOrDvrHasNoSuchSeries() {
        ExpositionParser.Exposition e = exposition();
        Map<String, String> cam2 = Map.of("stream", "live/cam2");
        assertEquals(0.0, e.value("openstreamer_stream_publishing", cam2));
        assertNull(e.value("openstreamer_stream_last_frame_age_seconds", cam2));
        assertNull(e.value("openstreamer_stream_dvr_bytes_total", cam2));
    }

    @Test
    void perSrtConnection() {
        ExpositionParser.Exposition e = exposition();
        Map<String, String> publisher = Map.of("stream", "cam1", "role", "publisher", "peer", "10.0.0.9:5000");
        assertEquals(0.0125, e.value("openstreamer_srt_rtt_seconds", publisher));
        assertEquals(3.0, e.value("openstreamer_srt_packets_received_lost_total", publisher));
        assertEquals(1.0, e.value("openstreamer_srt_packets_received_dropped_total", publisher));
        assertEquals(2.0, e.value("openstreamer_srt_packets_received_undecrypted_total", publisher));
        assertEquals(0.12, e.value("openstreamer_srt_receive_buffer_seconds", publisher));
        assertEquals(95_500_000.0, e.value("openstreamer_srt_link_bandwidth_bits_per_second", publisher));
        Map<String, String> player = Map.of("stream", "cam1", "role", "player", "peer", "[::1]:6000");
        assertEquals(4.0, e.value("openstreamer_srt_packets_retransmitted_total", player));
        assertEquals(4.0, e.value("openstreamer_srt_packets_sent_lost_total", player));
        assertEquals(0.08, e.value("openstreamer_srt_send_buffer_seconds", player));
    }

    @Test
    void serverAndJvmFigures() {
        ExpositionParser.Exposition e = exposition();
        assertEquals(1.0, e.value("openstreamer_engine_up", Map.of()));
        assertEquals((double) START.getEpochSecond(), e.value("openstreamer_engine_start_time_seconds", Map.of()));
        assertEquals(1.0, e.value("openstreamer_streams", Map.of("state", "publishing")));
        assertEquals(1.0, e.value("openstreamer_streams", Map.of("state", "waiting")));
        assertEquals(6.0, e.value("openstreamer_viewers", Map.of()));
        assertEquals(1.0, e.value("openstreamer_srt_connections", Map.of("role", "player")));
        assertEquals(0.04, e.value("openstreamer_segment_delay_seconds", Map.of("stat", "p99")));
        assertTrue(e.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(e.value("jvm_threads_current", Map.of()) > 0);
        assertTrue(e.value("process_start_time_seconds", Map.of()) > 0);
    }

    @Test
    void anEngineWithNothingRunningStillWritesEveryFamilyOnce() {
        EngineInfo info = new EngineInfo("1.0", START, false, false, null, false, "loading", false, null, SrtRangeInfo.NONE);
        StringBuilder out = new StringBuilder();
        MetricsServlet.write(new PrometheusText(out), new EngineSnapshot(info, List.of(), List.of()));
        ExpositionParser.Exposition e = ExpositionParser.parse(out.toString());
        assertEquals(0.0, e.value("openstreamer_engine_up", Map.of()));
        assertEquals(0.0, e.value("openstreamer_streams", Map.of("state", "publishing")));
        assertEquals("gauge", e.types().get("openstreamer_srt_rtt_seconds"));
    }
}
