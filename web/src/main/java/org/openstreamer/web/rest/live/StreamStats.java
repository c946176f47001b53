package org.openstreamer.web.rest.live;

import org.openstreamer.ejb.service.FoundStream;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.InputInfo;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.ejb.service.LiveStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live part of {@code GET /streams/NAME}: what the media engine says of the stream right now. */
@Schema(name = "StreamStats", description = "Live figures from the media engine; read-only")
public record StreamStats(
        @Schema(description = "publishing (a source is connected), waiting (running, no source yet: a static stream "
                + "retries), error (it cannot run as configured: see error), idle (on demand, not running) or disabled") String status,
        @Schema(description = "The last frame is under 1 s old") boolean alive,
        @Schema(description = "The stream runs: a publisher is connected, or a static stream waits for its source"
                + " (there may be no frames yet)") boolean running,
        @Schema(description = "When the stream started running, ms since the epoch (the reference's name)") Long startRunningAt,
        @Schema(description = "Milliseconds since the last frame; absent before any") Long lastFrameAgeMs,
        @Schema(description = "The same as last_frame_age_ms, under the reference's name") Long tsDelay,
        @Schema(description = "Why the stream cannot run as configured (status error when nothing else can feed it),"
                + " e.g. an input scheme this version does not run yet") String error,
        @Schema(description = "Input rate, kbit/s") long inputKbit,
        @Schema(description = "Rate sent to viewers over the last seconds (HLS segments, MPEG-TS over HTTP, SRT), kbit/s") long outputKbit,
        @Schema(description = "Viewers of the live stream (MPEG-TS over HTTP, SRT)") int clientCount,
        @Schema(description = "Input errors since the publisher connected") long inputErrors,
        @Schema(description = "When the publisher connected") Instant startedAt,
        @Schema(description = "The publisher's address, host:port") String publisher,
        @Schema(description = "The local port the publisher came in on (for a range port: the one the configuration backend gave the stream)")
        Integer port,
        @Schema(description = "The active input: the one feeding the stream, else the one chosen with switch_source") String url,
        @Schema(description = "Each input in failover order: url, priority, state (active, standby, failed, publish) and last_error")
        List<InputInfo> inputs,
        @Schema(description = "The backup file feeds the stream now") boolean backup,
        @Schema(description = "Bytes received since the pipeline started") long bytesIn,
        @Schema(description = "Bytes sent to viewers since the pipeline started") long bytesOut,
        @Schema(implementation = MediaInfoSchema.class) MediaInfo mediaInfo,
        @Schema(description = "The publish location (prefix) the stream was made from") String publishLocation,
        @Schema(description = "The template the stream was made from") String template,
        @Schema(description = "The DVR: recording now, the current write error, segments and bytes written since the engine started")
        DvrStatus dvr,
        @Schema(description = "Each push of the stream and what became of it") List<PushStatus> pushes,
        @Schema(description = "Bytes sent by each push, by url (the reference's push_stats)") Map<String, Long> pushStats) {

    public static StreamStats of(FoundStream found, LiveStatus status) {
        PipelineInfo p = status.pipeline();
        String state = found.definition().options().disabled() ? "disabled" : p == null ? "idle" : p.state();
        if (p == null) {
            return new StreamStats(state, false, false, null, null, null, null, 0, 0, 0, 0, null, null, null, null, null, false, 0, 0, null,
                    found.publishLocation(), found.template(), null, pushes(found, status), pushStats(found, status));
        }
        Long frameAge = p.lastFrameAgeMs() < 0 ? null : p.lastFrameAgeMs();
        return new StreamStats(state, p.alive(), !"error".equals(state), p.startedAt() == null ? null : p.startedAt().toEpochMilli(),
                frameAge, frameAge, p.problem(), p.inputBitrate() / 1000, p.outputBitrate() / 1000, p.clients(), p.errors(),
                p.publisher() == null ? null : p.startedAt(), p.publisher(), p.port() == 0 ? null : p.port(), p.source(),
                p.inputs().isEmpty() ? null : p.inputs(), p.backup(), p.bytesIn(), p.bytesOut(),
                status.mediaInfo(), found.publishLocation(), found.template(),
                status.dvr().segments() > 0 || status.dvr().recording() || status.dvr().error() != null ? status.dvr() : null,
                pushes(found, status), pushStats(found, status));
    }

    private static List<PushStatus> pushes(FoundStream found, LiveStatus status) {
        return PushStatus.of(found.definition().options().pushes(), found.definition().options().disabled(), status.pushes());
    }

    private static Map<String, Long> pushStats(FoundStream found, LiveStatus status) {
        List<PushStatus> pushes = pushes(found, status);
        if (pushes == null) {
            return null;
        }
        Map<String, Long> bytes = new LinkedHashMap<>();
        pushes.forEach(p -> bytes.merge(p.url(), p.bytes(), Long::sum));
        return bytes;
    }
}
