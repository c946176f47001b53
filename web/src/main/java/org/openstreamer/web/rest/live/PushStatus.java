package org.openstreamer.web.rest.live;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.ejb.model.Push;

import java.time.Instant;
import java.util.List;

/** One push of a stream as {@code stats.pushes} shows it: the engine's state of it. */
@Schema(name = "PushStatus", description = "What became of one of the stream's pushes")
public record PushStatus(
        @Schema(description = "The push's url, as configured") String url,
        @Schema(description = "waiting (the stream has no frames to send yet), connecting, running, retrying (the last"
                + " attempt failed; the next one comes after retry_timeout), error (stopped: retry_limit reached, or a"
                + " destination this version cannot send to; see error) or disabled") String status,
        @Schema(description = "Why the last attempt failed, e.g. push scheme rtmp is not supported yet") String error,
        @Schema(description = "When the last attempt failed") Instant errorAt,
        @Schema(description = "Failed attempts in a row") int failures,
        @Schema(description = "Bytes sent since the push started, over all its connections") long bytes,
        @Schema(description = "Since when the current connection sends") Instant connectedAt) {

    /**
     * The pushes' states, null without pushes. The engine's own view when it has one for each
     * push (it runs them); otherwise disabled or waiting from the configuration.
     */
    static List<PushStatus> of(List<Push> pushes, boolean streamDisabled, List<PushInfo> running) {
        if (pushes.isEmpty()) {
            return null;
        }
        if (running.size() == pushes.size()) {
            return java.util.stream.IntStream.range(0, pushes.size()).mapToObj(i -> {
                PushInfo r = running.get(i);
                return new PushStatus(pushes.get(i).url(), r.status(), r.error(), r.errorAt(), r.failures(), r.bytes(),
                        r.connectedAt());
            }).toList();
        }
        return pushes.stream().map(p -> new PushStatus(p.url(), p.disabled() || streamDisabled ? "disabled" : "waiting",
                null, null, 0, 0, null)).toList();
    }
}
