package org.openstreamer.web.rest.live;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The tracks of a live stream, as the connector's {@code MediaInfo} is written. */
@Schema(name = "MediaInfo")
public record MediaInfoSchema(@Schema(description = "The first video track's width, 0 without video") int width,
                              @Schema(description = "The first video track's height, 0 without video") int height,
                              @Schema(description = "Tracks by track_id") List<Track> streams) {

    @Schema(name = "Track")
    public record Track(@Schema(enumeration = {"video", "audio", "other"}) String content,
                        @Schema(example = "h264") String codec,
                        @Schema(description = "1-based") int trackId,
                        @Schema(description = "Measured, bits per second") long bitrate,
                        @Schema(description = "Measured frame rate of video") double fps,
                        int width, int height, int sampleRate, int channels,
                        @Schema(description = "ISO 639 language") String lang) {
    }
}
