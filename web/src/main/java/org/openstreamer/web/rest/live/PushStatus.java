package org.openstreamer.web.rest.live;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.sync.UnsupportedPushes;

import java.util.List;

/** One push of a stream as {@code stats.pushes} shows it: this version runs none yet, and says why. */
@Schema(name = "PushStatus", description = "What became of one of the stream's pushes")
public record PushStatus(
        @Schema(description = "The push's url, as configured") String url,
        @Schema(description = "error (it cannot run: see error) or disabled") String status,
        @Schema(description = "Why the push does not run, e.g. push scheme rtmp is not supported yet") String error) {

    /** The pushes' states, null without pushes; a disabled stream's pushes are all disabled. */
    static List<PushStatus> of(List<Push> pushes, boolean streamDisabled) {
        if (pushes.isEmpty()) {
            return null;
        }
        return pushes.stream().map(p -> p.disabled() || streamDisabled ? new PushStatus(p.url(), "disabled", null)
                : new PushStatus(p.url(), "error", UnsupportedPushes.problem(p.url()))).toList();
    }
}
