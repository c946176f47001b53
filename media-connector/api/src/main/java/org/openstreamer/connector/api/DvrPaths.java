package org.openstreamer.connector.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How archive segments are named: {@code ROOT/NAME/2026/12/05/10/00/04-04000.ts} is the segment of stream NAME that starts at 10:00:04 UTC on 2026-12-05 and lasts 4,000 ms. Live
 * segments are named the same way, so a player's URL is the same whether the segment is still in
 * memory or only on disk. The name alone is enough to rebuild the index. Only the engine's archive
 * owner turns names into files.
 */
public final class DvrPaths {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm/ss").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile(
            "(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/(\\d{2})/(\\d{2})(?:\\.(\\d{3}))?-(\\d{1,7})\\.ts");

    /**
     * A segment as its path describes it.
     *
     * @param exact the name gives the start to the millisecond ({@code 04.250-00750.ts}); otherwise
     *              to the second, and the segment starts within that second
     */
    public record SegmentName(long startMillis, long durationMillis, boolean exact) {
    }

    private DvrPaths() {
    }

    /**
     * The path of a segment relative to its stream's folder. Two segments cannot start within the
     * same second (a GOP is at least that long in practice); when they do, the milliseconds are
     * added: {@code 04.250-00750.ts}.
     */
    public static String relative(long startMillis, long durationMillis, boolean withMillis) {
        String time = TIME.format(Instant.ofEpochMilli(startMillis));
        String ms = withMillis ? String.format(".%03d", Math.floorMod(startMillis, 1000L)) : "";
        return time + ms + String.format("-%05d.ts", durationMillis);
    }

    /** {@link #relative} without the milliseconds. */
    public static String relative(long startMillis, long durationMillis) {
        return relative(startMillis, durationMillis, false);
    }

    /** Parses a path relative to the stream's folder (with {@code /}); null when it is no segment name. */
    public static SegmentName parse(String relative) {
        Matcher m = NAME.matcher(relative);
        if (!m.matches()) {
            return null;
        }
        try {
            long seconds = java.time.LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6))).toEpochSecond(ZoneOffset.UTC);
            long millis = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
            return new SegmentName(seconds * 1000 + millis, Long.parseLong(m.group(8)), m.group(7) != null);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
