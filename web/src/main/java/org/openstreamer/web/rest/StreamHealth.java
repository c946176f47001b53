package org.openstreamer.web.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /streams/NAME/health}: 200 with this body when alive, 424 when not. */
@Schema(name = "StreamHealth")
public record StreamHealth(
        String name,
        @Schema(description = "The last frame is under 1 s old") boolean alive,
        @Schema(description = "Milliseconds since the last frame; absent when the stream has had none") Long lastFrameAgeMs,
        @Schema(description = "Why the DVR cannot write the stream's segments; absent while recording works (or without DVR)")
        String dvrError) {
}
