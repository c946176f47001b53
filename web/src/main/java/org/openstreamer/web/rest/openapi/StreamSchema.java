package org.openstreamer.web.rest.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import org.openstreamer.web.rest.live.StreamStats;

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
        @Schema(name = "static", description = "Always on, retrying its source forever; false: on demand (starts with "
                + "its first client)", defaultValue = "true")
        Boolean isStatic,
        @Schema(description = "On demand: seconds the stream runs on after its last client leaves", defaultValue = "60")
        Integer clientsTimeout,
        @Schema(description = "On demand: source retries before giving up", defaultValue = "10")
        Integer retryLimit,
        @Schema(description = "Publish password (query string of RTMP/HTTP publishers)")
        String password,
        @Schema(description = "HTTP(S) backend asked before a publisher is let in")
        String onPublish,
        @Schema(description = "HTTP(S) backend asked before a viewer is let in (also read as 'auth')")
        String onPlay,
        @Schema(description = "Most viewers at once")
        Integer maxSessions,
        @Schema(description = "Most kbit/s a publisher may send")
        Integer maxBitrate,
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
        @Schema(description = "Makes a JPEG of each segment's first keyframe, served at /NAME/preview.jpg",
                defaultValue = "false")
        Boolean thumbnails,
        @Schema(description = "Recording (DVR) settings")
        DvrSchema dvr,
        @Schema(description = "Where the stream is pushed to")
        List<PushSchema> pushes,
        @Schema(description = "What plays while the source is missing")
        BackupSchema backup,
        @Schema(description = "Free-form JSON object for your own tools, up to 16 KiB")
        Map<String, Object> meta,
        @Schema(description = "RTP of rtsp:// inputs over udp, or tcp (interleaved in the RTSP connection)",
                enumeration = {"udp", "tcp"}, defaultValue = "tcp")
        String rtp,
        @Schema(description = "Seconds without frames before frames_timed_out", minimum = "1", maximum = "3600",
                defaultValue = "3")
        Integer framesTimeout,
        @Schema(description = "A user over its X-Max-Sessions loses sessions only when it is still over 30 s later "
                + "and they are all in use; absent: the server's soft_limitation")
        Boolean softLimitation,
        @Schema(description = "Referer lock: the hosts (example.com, *.example.com, or *) a page playing the stream may "
                + "be on; a request whose Referer names another host gets 403 referer_denied, one without a Referer plays",
                example = "[\"example.com\", \"*.example.com\"]")
        List<String> domains,
        @Schema(readOnly = true, description = "Live figures from the media engine; GET /streams/NAME only")
        StreamStats stats) {

    @Schema(name = "Dvr", description = "Recording settings; durations in seconds, sizes in bytes")
    public record DvrSchema(
            @Schema(description = "Folder of the archive") String root,
            @Schema(description = "Keep this many seconds") Long depth,
            @Schema(description = "Keep the filesystem under this percentage", minimum = "1", maximum = "99") Integer diskLimit,
            @Schema(description = "Keep the archive under this many bytes") Long storageLimit,
            @Schema(description = "UTC ranges to record, e.g. 8:00-16:00,22-1:30 (may cross midnight)") String schedule,
            @Schema(description = "Configured but not recording until enabled", defaultValue = "false") Boolean offline) {
    }

    @Schema(name = "Push", description = "A push of the stream to another server")
    public record PushSchema(
            @Schema(description = "Destination URL") String url,
            @Schema(description = "Seconds between retries", defaultValue = "5") Integer retryTimeout,
            @Schema(description = "Retries before giving up") Integer retryLimit,
            @Schema(description = "Stored but not pushing", defaultValue = "false") Boolean disabled,
            @Schema(description = "Seconds without progress before the push restarts") Integer timeout,
            @Schema(description = "Over TLS (rtmps, hlss): check the destination's certificate; false takes any, still encrypted",
                    defaultValue = "true") Boolean tlsVerify) {
    }

    @Schema(name = "Backup", description = "A file played while the source is missing")
    public record BackupSchema(@Schema(description = "Path of the file") String file) {
    }
}
