package org.openstreamer.ejb.service;

import org.openstreamer.connector.api.PipelineInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the engine's running totals into per-minute rows: bytes and errors during the minute,
 * mean rates over it. A total that went down (the pipeline was restarted, a publisher reconnected
 * and its error count started again) counts from zero. Pipelines with nothing going on (no
 * publisher, no viewer, no bytes) write no row. Not thread-safe: one timer owns it.
 */
final class StatsWindow {

    /** One row of {@code stream_stats}; rates in kbit/s. */
    record Row(Instant minute, String stream, boolean alive, int bitrateIn, int bitrateOut, long bytesIn,
               long bytesOut, int clients, long errors) {
    }

    private record Totals(long bytesIn, long bytesOut, long errors, long atNanos) {
    }

    private Map<String, Totals> previous = new HashMap<>();

    /** The rows for the minute starting at {@code minute}, from the pipelines seen at {@code nowNanos}. */
    List<Row> sample(Instant minute, List<PipelineInfo> pipelines, long nowNanos) {
        Map<String, Totals> current = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (PipelineInfo p : pipelines) {
            Totals now = new Totals(p.bytesIn(), p.bytesOut(), p.errors(), nowNanos);
            current.put(p.stream(), now);
            Totals before = previous.get(p.stream());
            long in = delta(now.bytesIn, before == null ? null : before.bytesIn);
            long out = delta(now.bytesOut, before == null ? null : before.bytesOut);
            long errors = delta(now.errors, before == null ? null : before.errors);
            boolean running = "publishing".equals(p.state());
            if (!running && p.clients() == 0 && in == 0 && out == 0) {
                continue;
            }
            int rateIn;
            int rateOut;
            if (before == null) { // no interval to divide by yet: the engine's own measure
                rateIn = kbit(p.inputBitrate());
                rateOut = 0;
            } else {
                double seconds = Math.max(1, (nowNanos - before.atNanos) / 1e9);
                rateIn = kbit((long) (in * 8 / seconds));
                rateOut = kbit((long) (out * 8 / seconds));
            }
            rows.add(new Row(minute, p.stream(), p.alive(), rateIn, rateOut, in, out, p.clients(), errors));
        }
        previous = current;
        return rows;
    }

    private static long delta(long now, Long before) {
        if (before == null) {
            return now;
        }
        return now >= before ? now - before : now;
    }

    private static int kbit(long bitsPerSecond) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, bitsPerSecond / 1000));
    }
}
