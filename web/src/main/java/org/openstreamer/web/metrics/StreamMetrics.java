package org.openstreamer.web.metrics;

import org.openstreamer.web.metrics.PrometheusText.Type;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** The {@code openstreamer_stream_*} families: one series per running stream, label {@code stream}. */
final class StreamMetrics {

    private StreamMetrics() {
    }

    static void write(PrometheusText text, List<StreamFigures> streams) {
        each(text, "openstreamer_stream_publishing", Type.GAUGE,
                "1 while a source feeds the stream, 0 while it waits for one", streams,
                s -> "publishing".equals(s.pipeline().state()) ? 1 : 0);
        each(text, "openstreamer_stream_input_bytes_total", Type.COUNTER,
                "Bytes received from the stream's sources since its pipeline started", streams,
                s -> s.pipeline().bytesIn());
        each(text, "openstreamer_stream_output_bytes_total", Type.COUNTER,
                "Bytes sent to the stream's viewers since its pipeline started (HLS segments, MPEG-TS, SRT)", streams,
                s -> s.pipeline().bytesOut());
        each(text, "openstreamer_stream_input_bits_per_second", Type.GAUGE,
                "Input rate measured over the last seconds", streams, s -> s.pipeline().inputBitrate());
        each(text, "openstreamer_stream_output_bits_per_second", Type.GAUGE,
                "Rate sent to viewers over the last seconds", streams, s -> s.pipeline().outputBitrate());
        each(text, "openstreamer_stream_viewers", Type.GAUGE,
                "Live viewers connected now (MPEG-TS over HTTP, SRT players)", streams, s -> s.pipeline().clients());
        each(text, "openstreamer_stream_segments_total", Type.COUNTER,
                "HLS segments closed since the stream's pipeline started", streams, StreamFigures::segments);
        each(text, "openstreamer_stream_input_errors_total", Type.COUNTER,
                "Input errors (continuity, lost sync, bad tables) since the publisher connected", streams,
                s -> s.pipeline().errors());
        each(text, "openstreamer_stream_last_frame_age_seconds", Type.GAUGE,
                "Time since the stream's last frame; absent before the first", streams,
                s -> s.pipeline().lastFrameAgeMs() / 1000.0, s -> s.pipeline().lastFrameAgeMs() >= 0);
        each(text, "openstreamer_stream_dvr_recording", Type.GAUGE,
                "1 while the DVR writes the stream's segments", streams, s -> s.dvr().recording() ? 1 : 0, StreamFigures::hasDvr);
        each(text, "openstreamer_stream_dvr_bytes_total", Type.COUNTER,
                "Bytes the DVR wrote for the stream since the engine started", streams, s -> s.dvr().bytes(), StreamFigures::hasDvr);
        each(text, "openstreamer_stream_dvr_segments_total", Type.COUNTER,
                "Segments the DVR wrote for the stream since the engine started", streams, s -> s.dvr().segments(),
                StreamFigures::hasDvr);
        each(text, "openstreamer_stream_dvr_errors_total", Type.COUNTER,
                "Segments the DVR could not write since the engine started", streams, s -> s.dvr().failed(),
                StreamFigures::hasDvr);
    }

    private static void each(PrometheusText text, String name, Type type, String help, List<StreamFigures> streams,
                             ToDoubleFunction<StreamFigures> value) {
        each(text, name, type, help, streams, value, s -> true);
    }

    private static void each(PrometheusText text, String name, Type type, String help, List<StreamFigures> streams,
                             ToDoubleFunction<StreamFigures> value, Predicate<StreamFigures> present) {
        text.family(name, type, help, "stream");
        for (StreamFigures s : streams) {
            if (present.test(s)) {
                text.sample(value.applyAsDouble(s), s.name());
            }
        }
    }
}
