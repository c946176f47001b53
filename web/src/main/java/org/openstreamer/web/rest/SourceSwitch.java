package org.openstreamer.web.rest;

import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /streams/NAME/switch_source?url=}: the input that is active now. */
@Schema(name = "SourceSwitch")
public record SourceSwitch(
        String name,
        @Schema(description = "Its index in the stream's inputs") int position,
        @Schema(ref = "Input", description = "The input as the stream's configuration has it")
        JsonObject activeInput) {
}
