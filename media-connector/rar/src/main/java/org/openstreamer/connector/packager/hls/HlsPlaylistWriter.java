package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.demux.ts.TsTrack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes HLS playlists (RFC 8216) for a live stream's {@link SegmentWindow}. Segment URIs are
 * relative to the playlist, so {@code /NAME/index.m3u8} lists {@code 2026/11/21/11/30/04-04000.ts}
 * which the player fetches as {@code /NAME/2026/11/21/11/30/04-04000.ts}.
 */
public final class HlsPlaylistWriter {

    private static final DateTimeFormatter PROGRAM_DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private HlsPlaylistWriter() {
    }

    /** A live media playlist, or null while no segment is complete yet. */
    public static String media(SegmentWindow window) {
        return media(window, "");
    }

    /**
     * A live media playlist whose segment URIs start with {@code folder} ({@code tracks-1,3/} for a
     * variant listed from the stream's own folder, empty otherwise); null while no segment is complete.
     */
    public static String media(SegmentWindow window, String folder) {
        List<Segment> listed = window.listedSegments();
        if (listed.isEmpty()) {
            return null;
        }
        long target = window.targetSeconds();
        for (Segment s : listed) {
            target = Math.max(target, Math.round(s.seconds()));
        }
        StringBuilder sb = new StringBuilder(256 + 160 * listed.size());
        sb.append("#EXTM3U\n#EXT-X-VERSION:3\n");
        sb.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
        sb.append("#EXT-X-MEDIA-SEQUENCE:").append(listed.get(0).sequence()).append('\n');
        long discontinuities = window.listedDiscontinuitySequence();
        if (discontinuities > 0) {
            sb.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuities).append('\n');
        }
        for (Segment s : listed) {
            if (s.discontinuity()) {
                sb.append("#EXT-X-DISCONTINUITY\n");
            }
            sb.append("#EXT-X-PROGRAM-DATE-TIME:").append(PROGRAM_DATE_TIME.format(Instant.ofEpochMilli(s.startMillis())))
                    .append('\n');
            sb.append("#EXTINF:").append(String.format(Locale.ROOT, "%.3f", s.seconds())).append(",\n");
            sb.append(folder).append(s.path()).append('\n');
        }
        return sb.toString();
    }

    /**
     * A master playlist listing one media playlist per video track ({@code video1.m3u8}, ...), each
     * carrying that video with all audio, as the reference's {@code video.m3u8} does. BANDWIDTH is
     * the measured rate of the video and the audio, RESOLUTION the video's size from its SPS.
     */
    public static String master(List<TsTrack> tracks, long[] bitrates) {
        StringBuilder sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n");
        long audioBitrate = 0;
        StringBuilder audioCodecs = new StringBuilder();
        for (TsTrack t : tracks) {
            if (t.kind() == TsTrack.Kind.AUDIO) {
                audioBitrate += bitrates[t.index()];
                String c = codecTag(t);
                if (c != null && audioCodecs.indexOf(c) < 0) {
                    audioCodecs.append(',').append(c);
                }
            }
        }
        int n = 0;
        for (TsTrack t : tracks) {
            if (t.kind() != TsTrack.Kind.VIDEO) {
                continue;
            }
            n++;
            long bandwidth = Math.max(1, bitrates[t.index()] + audioBitrate);
            sb.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(bandwidth);
            if (t.width() > 0) {
                sb.append(",RESOLUTION=").append(t.width()).append('x').append(t.height());
            }
            String codec = codecTag(t);
            if (codec != null) {
                sb.append(",CODECS=\"").append(codec).append(audioCodecs).append('"');
            }
            sb.append("\nvideo").append(n).append(".m3u8\n");
        }
        return n == 0 ? null : sb.toString();
    }

    /**
     * The track's RFC 6381 codec string, from its own headers (SPS, ADTS); before they were seen, a
     * common default for its codec; null when unknown.
     */
    static String codecTag(TsTrack t) {
        if (t.codecs() != null) {
            return t.codecs();
        }
        return switch (t.codec()) {
            case "h264" -> "avc1.640028";
            case "h265" -> "hvc1.1.6.L120.90";
            case "aac" -> "mp4a.40.2";
            case "mp3" -> "mp4a.40.34";
            case "ac3" -> "ac-3";
            default -> null;
        };
    }
}
