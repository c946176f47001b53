package org.openstreamer.web.rest.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.openstreamer.web.rest.StreamStats;

import java.util.List;
import java.util.Map;

/** A stream: what PUT takes and GET returns (GET adds {@code stats}, which PUT ignores). */
@Schema(name = "Stream", description = "A stream's configuration. Keys left out of a PUT take their defaults; "
        + "unknown keys are refused.")
public record StreamSchema(
        @Schema(description = "1..255 characters: segments of A-Z a-z 0-9 . _ - separated by '/'; "
                + "defaults to the name in the URL, which it must equal", example = "live/cam1", maxLength = 255)
        String name,
        @Schema(description = "A label for people", maxLength = 255)
        String title,
        @Schema(description = "A disabled stream accepts no publisher and no viewer", defaultValue = "false")
        Boolean disabled,
        @Schema(description = "Lets publishers push to the stream (an input publish:// does the same)", defaultValue = "false")
        Boolean publishEnabled,
        @Schema(description = "Sources in failover order")
        List<InputSchema> inputs,
        @Schema(description = "Shared SRT port: the streamid's m=publish or m=request gives the direction")
        SrtEndpointSchema srt,
        @Schema(description = "Publish-only SRT port")
        SrtEndpointSchema srtPublish,
        @Schema(description = "Play-only SRT port")
        SrtEndpointSchema srtPlay,
        @Schema(description = "HLS segment target, seconds (segments are cut at keyframes)", minimum = "1", maximum = "60",
                defaultValue = "4")
        Integer segmentDuration,
        @Schema(description = "Segments in the live HLS playlist", minimum = "1", maximum = "100", defaultValue = "4")
        Integer segmentCount,
        @Schema(description = "Free-form JSON object for your own tools, up to 16 KiB")
        Map<String, Object> meta,
        @Schema(readOnly = true, description = "Live figures from the media engine; GET /streams/NAME only")
        StreamStats stats) {
}
