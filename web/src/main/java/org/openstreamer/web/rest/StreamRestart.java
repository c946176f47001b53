package org.openstreamer.web.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /streams/NAME/restart}: done. */
@Schema(name = "StreamRestart")
public record StreamRestart(
        String name,
        boolean restarted,
        @Schema(description = "The publisher that was disconnected (host:port); absent when none was connected")
        String publisher) {
}
