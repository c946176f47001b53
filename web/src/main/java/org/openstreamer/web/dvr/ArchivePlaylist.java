package org.openstreamer.web.dvr;

import org.openstreamer.ejb.dvr.ArchiveSegment;
import org.openstreamer.ejb.dvr.DvrIndex;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ArchivePlaylist() {
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
        for (ArchiveSegment s : segments) {
            if (previous != null && s.startMillis() > previous.endMillis() + DvrIndex.GAP_TOLERANCE_MS) {
                sb.append("#EXT-X-DISCONTINUITY\n");
            }
            sb.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE_TIME.format(Instant.ofEpochMilli(s.startMillis()))).append('\n');
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
