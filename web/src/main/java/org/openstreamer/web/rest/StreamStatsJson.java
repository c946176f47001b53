package org.openstreamer.web.rest;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.ejb.service.FoundStream;

import static org.openstreamer.ejb.util.Jsonp.JSON;

/**
 * The {@code stats} of {@code GET /streams/NAME}: what the engine runs for the stream right now,
 * in the reference's words. {@code status} is {@code publishing} (a source is connected),
 * {@code waiting} (running, no source yet: a static stream waits and retries for it),
 * {@code idle} (on demand, not running) or {@code disabled}; {@code alive} only with fresh frames.
 */
final class StreamStatsJson {

    /** Frames older than this make a stream not alive. */
    static final long ALIVE_MS = 10_000;

    private StreamStatsJson() {
    }

    static JsonObject of(FoundStream found, PipelineInfo p) {
        String status = found.definition().options().disabled() ? "disabled" : p == null ? "idle" : p.state();
        boolean alive = p != null && "publishing".equals(p.state()) && p.lastFrameAgeMs() >= 0 && p.lastFrameAgeMs() < ALIVE_MS;
        JsonObjectBuilder b = JSON.createObjectBuilder().add("status", status).add("alive", alive)
                .add("running", p != null && !"disabled".equals(status));
        if (p != null) {
            b.add("client_count", p.clients()).add("bitrate", p.inputBitrate() / 1000);
            if (p.lastFrameAgeMs() >= 0) {
                b.add("ts_delay", p.lastFrameAgeMs());
            }
            if (p.startedAt() != null) {
                b.add("start_running_at", p.startedAt().toString());
            }
            if (p.publisher() != null) {
                b.add("publisher", p.publisher());
            }
        }
        if (found.publishLocation() != null) {
            b.add("publish_location", found.publishLocation());
        }
        if (found.template() != null) {
            b.add("template", found.template());
        }
        return b.build();
    }
}
