package org.openstreamer.web.dvr;

import org.openstreamer.connector.api.StreamName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An archive URL taken apart, in the reference's spellings (FROM is Unix UTC seconds, DUR and
 * SECONDS are seconds, {@code now} is literal):
 * <ul>
 * <li>{@code /NAME/index-FROM-DUR.m3u8}, {@code archive-}, {@code mono-}, {@code video-}: a VOD playlist of the range;
 *     with {@code now} for DUR an EVENT playlist that grows with live (rewind);</li>
 * <li>{@code /NAME/timeshift_abs-FROM.m3u8} (also {@code timeshift_abs_mono-}, {@code timeshift_abs_video-},
 *     {@code video-timeshift_abs-}): the archive from FROM on, as a live playlist that moves with the clock;</li>
 * <li>{@code /NAME/timeshift_rel-SECONDS.m3u8} (also {@code timeshift_rel_mono-}, {@code mono-timeshift_rel-}):
 *     live delayed by SECONDS;</li>
 * <li>{@code /NAME/rewind-SECONDS.m3u8}: live with the last SECONDS to rewind in;</li>
 * <li>{@code /NAME/archive-FROM-DUR.ts}, {@code .mp4}: downloads; {@code .mpd}: DASH;</li>
 * <li>{@code /NAME/timeshift_abs-FROM.ts}, {@code /NAME/timeshift_abs/FROM}, {@code /NAME/timeshift_rel/SECONDS}:
 *     MPEG-TS at real-time pace;</li>
 * <li>{@code /NAME/recording_status.json} and {@code /NAME/save-mp4-FROM-DUR}.</li>
 * </ul>
 *
 * @param from    Unix seconds (FROM), or 0 where the URL has none
 * @param seconds DUR or SECONDS, or -1 for {@code now}
 */
public record ArchivePath(String stream, Kind kind, long from, long seconds) {

    public enum Kind {
        RANGE_PLAYLIST, TIMESHIFT_ABS_PLAYLIST, TIMESHIFT_REL_PLAYLIST, REWIND_PLAYLIST,
        RANGE_TS, RANGE_MP4, RANGE_DASH, TIMESHIFT_ABS_TS, TIMESHIFT_REL_TS, RECORDING_STATUS, SAVE_MP4
    }

    private static final String NAME = "/(" + StreamName.PATTERN + ")/";
    private static final String N = "(\\d{1,12})";
    private static final Pattern RANGE = Pattern.compile(NAME + "(?:index|archive|mono|video)-" + N + "-(\\d{1,9}|now)\\.(m3u8|ts|mp4|mpd)");
    private static final Pattern ABS = Pattern.compile(NAME + "(?:timeshift_abs(?:_mono|_video)?-|video-timeshift_abs-)" + N + "\\.(m3u8|ts)");
    private static final Pattern REL = Pattern.compile(NAME + "(?:timeshift_rel(?:_mono)?-|mono-timeshift_rel-)" + N + "\\.m3u8");
    private static final Pattern REWIND = Pattern.compile(NAME + "rewind-" + N + "\\.m3u8");
    private static final Pattern ABS_TS = Pattern.compile(NAME + "timeshift_abs/" + N);
    private static final Pattern REL_TS = Pattern.compile(NAME + "timeshift_rel/" + N);
    private static final Pattern STATUS = Pattern.compile(NAME + "recording_status\\.json");
    private static final Pattern SAVE = Pattern.compile(NAME + "save-mp4-" + N + "-(\\d{1,9})");

    /** The archive request this path names, or null if it is none. */
    public static ArchivePath parse(String path) {
        if (path == null || path.length() > 1024) {
            return null;
        }
        Matcher m = RANGE.matcher(path);
        if (m.matches()) {
            boolean now = m.group(3).equals("now");
            Kind kind = switch (m.group(4)) {
                case "m3u8" -> Kind.RANGE_PLAYLIST;
                case "ts" -> Kind.RANGE_TS;
                case "mp4" -> Kind.RANGE_MP4;
                default -> Kind.RANGE_DASH;
            };
            if (now && (kind == Kind.RANGE_TS || kind == Kind.RANGE_MP4)) {
                return null; // a download needs an end
            }
            return new ArchivePath(m.group(1), kind, Long.parseLong(m.group(2)), now ? -1 : Long.parseLong(m.group(3)));
        }
        if ((m = ABS.matcher(path)).matches()) {
            return new ArchivePath(m.group(1), m.group(3).equals("ts") ? Kind.TIMESHIFT_ABS_TS : Kind.TIMESHIFT_ABS_PLAYLIST,
                    Long.parseLong(m.group(2)), 0);
        }
        if ((m = REL.matcher(path)).matches()) {
            return new ArchivePath(m.group(1), Kind.TIMESHIFT_REL_PLAYLIST, 0, Long.parseLong(m.group(2)));
        }
        if ((m = REWIND.matcher(path)).matches()) {
            return new ArchivePath(m.group(1), Kind.REWIND_PLAYLIST, 0, Long.parseLong(m.group(2)));
        }
        if ((m = ABS_TS.matcher(path)).matches()) {
            return new ArchivePath(m.group(1), Kind.TIMESHIFT_ABS_TS, Long.parseLong(m.group(2)), 0);
        }
        if ((m = REL_TS.matcher(path)).matches()) {
            return new ArchivePath(m.group(1), Kind.TIMESHIFT_REL_TS, 0, Long.parseLong(m.group(2)));
        }
        if ((m = STATUS.matcher(path)).matches()) {
            return new ArchivePath(m.group(1), Kind.RECORDING_STATUS, 0, 0);
        }
        if ((m = SAVE.matcher(path)).matches()) {
            return new ArchivePath(m.group(1), Kind.SAVE_MP4, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
        }
        return null;
    }

    public long fromMillis() {
        return from * 1000;
    }

    /** The end of a range, Unix ms: FROM + DUR, or {@code nowMillis} for {@code now}. */
    public long toMillis(long nowMillis) {
        return seconds < 0 ? nowMillis : (from + seconds) * 1000;
    }
}
