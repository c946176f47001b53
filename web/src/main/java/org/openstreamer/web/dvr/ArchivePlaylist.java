package org.openstreamer.web.dvr;

import org.openstreamer.ejb.dvr.ArchiveSegment;
import org.openstreamer.ejb.dvr.DvrIndex;

import java.util.List;

/**
 * HLS media playlists of archive segments. Every segment carries its
 * {@code EXT-X-PROGRAM-DATE-TIME}; a recording gap between two segments is an
 * {@code EXT-X-DISCONTINUITY}. URLs are relative to the stream ({@code 2026/12/05/10/00/04-04000.ts}),
 * as the playlists are served from {@code /NAME/}.
 */
public final class ArchivePlaylist {

    /** How the playlist ends: a finished range, a range growing with live, or a live-like sliding window. */
    public enum Type { VOD, EVENT, LIVE }

    private ArchivePlaylist() {
    }

    /**
     * Writes {@code 2026-12-05T10:00:04.000Z}: the date from java.time once per day of segments,
     * the time by arithmetic (a day-long playlist dates 21,600 segments).
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
            dateTime(sb.append(date), millis - d * 86_400_000L);
        }
    }

    /** {@code HH:MM:SS.mmmZ} of {@code ms} after midnight. */
    private static void dateTime(StringBuilder sb, long ms) {
        two(sb, ms / 3_600_000).append(':');
        two(sb, ms / 60_000 % 60).append(':');
        two(sb, ms / 1000 % 60).append('.');
        long frac = ms % 1000;
        sb.append(frac < 10 ? "00" : frac < 100 ? "0" : "").append(frac).append('Z');
    }

    private static StringBuilder two(StringBuilder sb, long n) {
        return sb.append(n < 10 ? "0" : "").append(n);
    }

    /** {@code segments} oldest first; an empty list gives a valid playlist without segments. */
    public static String write(List<ArchiveSegment> segments, Type type, int defaultTarget) {
        long longest = segments.stream().mapToLong(ArchiveSegment::durationMillis).max().orElse(defaultTarget * 1000L);
        StringBuilder sb = new StringBuilder(64 + segments.size() * 110);
        sb.append("#EXTM3U\n#EXT-X-VERSION:3\n");
        if (type != Type.LIVE) {
            sb.append("#EXT-X-PLAYLIST-TYPE:").append(type.name()).append('\n');
        }
        sb.append("#EXT-X-TARGETDURATION:").append((longest + 999) / 1000).append('\n');
        sb.append("#EXT-X-MEDIA-SEQUENCE:").append(segments.isEmpty() ? 0 : segments.get(0).seq()).append('\n');
        ArchiveSegment previous = null;
        DateTimes dates = new DateTimes();
        for (ArchiveSegment s : segments) {
            if (previous != null && s.startMillis() > previous.endMillis() + DvrIndex.GAP_TOLERANCE_MS) {
                sb.append("#EXT-X-DISCONTINUITY\n");
            }
            sb.append("#EXT-X-PROGRAM-DATE-TIME:");
            dates.append(sb, s.startMillis());
            sb.append('\n');
            long ms = s.durationMillis() % 1000;
            sb.append("#EXTINF:").append(s.durationMillis() / 1000).append(ms < 10 ? ".00" : ms < 100 ? ".0" : ".")
                    .append(ms).append(",\n");
            sb.append(s.path()).append('\n');
            previous = s;
        }
        if (type == Type.VOD) {
            sb.append("#EXT-X-ENDLIST\n");
        }
        return sb.toString();
    }
}
