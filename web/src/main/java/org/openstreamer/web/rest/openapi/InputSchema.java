package org.openstreamer.web.rest.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** One source of a stream with its options. */
@Schema(name = "Input", requiredProperties = "url")
public record InputSchema(
        @Schema(description = "SCHEME://...: publish, srt, udp, rtp, rtsp, rtmp, rtmps, tshttp, tshttps, hls, hlss, "
                + "https, file, copy, timeshift, fake. Plain http:// is refused", example = "publish://", maxLength = 2048)
        String url,
        @Schema(description = "Failover order, lower first (default: list order)", minimum = "0", maximum = "100")
        Integer priority,
        @Schema(description = "Seconds without frames before the input counts as lost", minimum = "1", maximum = "3600",
                defaultValue = "60")
        Integer sourceTimeout,
        @Schema(description = "User-Agent of HTTP pulls", maxLength = 1024)
        String userAgent,
        @Schema(description = "Extra HTTP request headers of pulls")
        Map<String, String> headers,
        @Schema(description = "Tracks to keep, 1-based")
        List<Integer> tracks,
        @Schema(description = "MPTS program to take", minimum = "1", maximum = "65535")
        Integer program,
        @Schema(description = "MPEG-TS PIDs to take (0..8191)")
        List<Integer> pids,
        Boolean allowSubtitles,
        Boolean bypassNit,
        Boolean dvbsubsOcr,
        Boolean skipStalledCheck) {
}
