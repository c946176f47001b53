package org.openstreamer.web.metrics;

import org.openstreamer.connector.api.DelayStats;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.web.metrics.PrometheusText.Type;

import java.util.Map;
import java.util.TreeMap;

/** Server-wide figures: the engine's state, streams by state, viewers, SRT connections, segment delay. */
final class ServerMetrics {

    private ServerMetrics() {
    }

    static void write(PrometheusText text, EngineSnapshot engine) {
        EngineInfo info = engine.info();
        text.family("openstreamer_engine_up", Type.GAUGE, "1 while the media engine runs").sample(info.running() ? 1 : 0);
        if (info.startedAt() != null) {
            text.family("openstreamer_engine_start_time_seconds", Type.GAUGE, "When the media engine started, since the epoch")
                    .sample(info.startedAt().toEpochMilli() / 1000.0);
        }
        text.family("openstreamer_ffmpeg_loaded", Type.GAUGE, "1 once the FFmpeg libraries are loaded")
                .sample(info.ffmpegLoaded() ? 1 : 0);
        text.family("openstreamer_srt_server_up", Type.GAUGE, "1 while libsrt is loaded and SRT ports can be served")
                .sample(info.srtListener() ? 1 : 0);

        Map<String, Integer> states = new TreeMap<>(Map.of("publishing", 0, "waiting", 0));
        long viewers = 0;
        for (StreamFigures s : engine.streams()) {
            states.merge(s.pipeline().state(), 1, Integer::sum);
            viewers += s.pipeline().clients();
        }
        text.family("openstreamer_streams", Type.GAUGE, "Running streams by state", "state");
        states.forEach((state, n) -> text.sample(n, state));
        text.family("openstreamer_viewers", Type.GAUGE, "Live viewers of all streams (MPEG-TS over HTTP, SRT players)")
                .sample(viewers);

        Map<String, Integer> roles = new TreeMap<>(Map.of("publisher", 0, "player", 0));
        for (SrtConnectionStats c : engine.srt()) {
            roles.merge(c.role(), 1, Integer::sum);
        }
        text.family("openstreamer_srt_connections", Type.GAUGE, "Open SRT connections by role", "role");
        roles.forEach((role, n) -> text.sample(n, role));

        DelayStats d = info.segmentDelay();
        if (d != null) {
            text.family("openstreamer_segment_delay_seconds", Type.GAUGE,
                    "Time from a segment's last packet to the segment being listed, over the newest samples", "stat");
            text.sample(d.p50() / 1e6, "p50").sample(d.p99() / 1e6, "p99").sample(d.max() / 1e6, "max");
            text.family("openstreamer_segment_delay_samples_total", Type.COUNTER, "Segment delays measured")
                    .sample(d.count());
        }
    }
}
