package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.api.PlaylistSegment;
import org.openstreamer.connector.api.PlaylistType;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.ArrayList;
import java.util.List;

/**
 * The one writer of HLS playlists (RFC 8216), live and archive: media playlists of a live
 * stream's {@link SegmentWindow} and of archive ranges and timeshift windows (through
 * {@code MediaEngine.hlsPlaylist}), and the master playlist of a stream's video variants. Segment
 * URIs are relative to the playlist, so {@code /NAME/index.m3u8} lists
 * {@code 2026/11/21/11/30/04-04000.ts}, which the player fetches as
 * {@code /NAME/2026/11/21/11/30/04-04000.ts}, live or from the archive: the same name for the same
 * segment.
 */
public final class HlsPlaylistWriter {

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
        return media(window, folder, null, 0);
    }

    /**
     * Like {@link #media(SegmentWindow, String)}, each segment after its {@code EXT-X-KEY} line when
     * {@code keys} is not null (a protected stream), for a playlist {@code depth} folders below the stream's.
     */
    public static String media(SegmentWindow window, String folder, KeyTags keys, int depth) {
        List<Segment> listed = window.listedSegments();
        if (listed.isEmpty()) {
            return null;
        }
        List<PlaylistSegment> entries = new ArrayList<>(listed.size());
        for (Segment s : listed) {
            entries.add(new PlaylistSegment(s.sequence(), folder + s.path(), s.startMillis(), s.durationMillis(),
                    s.discontinuity()));
        }
        return media(PlaylistType.LIVE, entries, window.targetSeconds(), window.listedDiscontinuitySequence(),
                keys == null ? null : (start, d) -> keys.of(start, depth));
    }

    /**
     * A media playlist of {@code segments}, oldest first; an empty list gives a valid playlist
     * without segments. The target duration is the longest segment rounded, at least
     * {@code targetSeconds}. Every segment carries its {@code EXT-X-PROGRAM-DATE-TIME}.
     *
     * @param discontinuitySequence discontinuities that slid out before the first segment (live)
     */
    public static String media(PlaylistType type, List<PlaylistSegment> segments, int targetSeconds,
                               long discontinuitySequence) {
        return media(type, segments, targetSeconds, discontinuitySequence, null);
    }

    /**
     * Like {@link #media(PlaylistType, List, int, long)}; with {@code keys} (a protected stream) each
     * segment comes after its {@code EXT-X-KEY} line (the key and the IV of that segment), a segment
     * without a key is left out.
     */
    public static String media(PlaylistType type, List<PlaylistSegment> segments, int targetSeconds,
                               long discontinuitySequence, KeyTags keys) {
        long target = targetSeconds;
        for (PlaylistSegment s : segments) {
            target = Math.max(target, (s.durationMillis() + 500) / 1000);
        }
        StringBuilder sb = new StringBuilder(128 + 110 * segments.size());
        sb.append("#EXTM3U\n#EXT-X-VERSION:3\n");
        if (type != PlaylistType.LIVE) {
            sb.append("#EXT-X-PLAYLIST-TYPE:").append(type.name()).append('\n');
        }
        sb.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
        sb.append("#EXT-X-MEDIA-SEQUENCE:").append(segments.isEmpty() ? 0 : segments.get(0).sequence()).append('\n');
        if (discontinuitySequence > 0) {
            sb.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        }
        DateTimes dates = new DateTimes();
        for (PlaylistSegment s : segments) {
            String key = keys == null ? null : keys.of(s.startMillis(), 0);
            if (keys != null && key == null) {
                continue; // never list a segment of a protected stream in the clear
            }
            if (s.discontinuity()) {
                sb.append("#EXT-X-DISCONTINUITY\n");
            }
            if (key != null) {
                sb.append(key);
            }
            sb.append("#EXT-X-PROGRAM-DATE-TIME:");
            dates.append(sb, s.startMillis());
            sb.append("\n#EXTINF:");
            millis(sb, s.durationMillis()).append(",\n").append(s.uri()).append('\n');
        }
        if (type == PlaylistType.VOD) {
            sb.append("#EXT-X-ENDLIST\n");
        }
        return sb.toString();
    }

    /** {@code 4.040}: seconds with three decimals, by arithmetic (a day-long playlist has 21,600 segments). */
    private static StringBuilder millis(StringBuilder sb, long ms) {
        long frac = ms % 1000;
        return sb.append(ms / 1000).append(frac < 10 ? ".00" : frac < 100 ? ".0" : ".").append(frac);
    }

    /**
     * Writes {@code 2026-12-05T10:00:04.000Z}: the date from java.time once per day of segments,
     * the time by arithmetic.
     */
    private static final class DateTimes {
        private long day = Long.MIN_VALUE;
        private String date;

        void append(StringBuilder sb, long millis) {
            long d = Math.floorDiv(millis, 86_400_000L);
            if (d != day) {
                day = d;
                date = java.time.LocalDate.ofEpochDay(d) + "T";
            }
            long ms = millis - d * 86_400_000L;
            two(sb.append(date), ms / 3_600_000).append(':');
            two(sb, ms / 60_000 % 60).append(':');
            two(sb, ms / 1000 % 60).append('.');
            long frac = ms % 1000;
            sb.append(frac < 10 ? "00" : frac < 100 ? "0" : "").append(frac).append('Z');
        }

        private static StringBuilder two(StringBuilder sb, long n) {
            return sb.append(n < 10 ? "0" : "").append(n);
        }
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
