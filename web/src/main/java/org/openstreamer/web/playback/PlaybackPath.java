package org.openstreamer.web.playback;

import org.openstreamer.connector.api.StreamName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A playback URL taken apart: {@code /NAME/RESOURCE}, where NAME may itself contain slashes
 * ({@code live/cam1}). Paths of the server's own (API, console, resources) are never playback.
 *
 * @param stream   the stream name
 * @param kind     what is asked for
 * @param resource the part after the name: a playlist ({@code index.m3u8}, {@code tracks-1,3/index.m3u8}) or a
 *                 segment path ({@code 2026/11/21/11/30/04-04000.ts}, {@code tracks-1,3/2026/...})
 */
public record PlaybackPath(String stream, Kind kind, String resource) {

    public enum Kind { PLAYLIST, SEGMENT, MPEGTS, MEDIA_INFO }

    /** An HLS playlist or segment (what the engine keeps ready in memory). */
    public boolean isHls() {
        return kind == Kind.PLAYLIST || kind == Kind.SEGMENT;
    }

    private static final String NAME = "(" + StreamName.PATTERN + ")";
    private static final String SEGMENT_PATH = "\\d{4}/\\d\\d/\\d\\d/\\d\\d/\\d\\d/\\d\\d(?:\\.\\d{3})?-\\d{5,7}\\.ts";
    /** A track selection folder, {@code tracks-1,3/}: it wins over a stream name ending in {@code tracks-N}. */
    private static final String TRACKS = "tracks-\\d{1,2}(?:,\\d{1,2}){0,15}/";
    private static final Pattern TRACKS_SEGMENT = Pattern.compile("/" + NAME + "/(" + TRACKS + SEGMENT_PATH + ")");
    private static final Pattern TRACKS_PLAYLIST = Pattern.compile("/" + NAME + "/(" + TRACKS + "index\\.m3u8)");
    private static final Pattern SEGMENT = Pattern.compile("/" + NAME + "/(" + SEGMENT_PATH + ")");
    private static final Pattern OTHER = Pattern.compile("/" + NAME + "/(index\\.m3u8|playlist\\.m3u8|mono\\.m3u8|video\\d{0,2}\\.m3u8|mpegts|media_info\\.json)");
    private static final String[] RESERVED = {"/streamer/", "/admin/", "/jakarta.faces.resource/", "/resources/", "/health", "/error",
            "/openapi"};

    /** The playback request this path names, or null if it is not one. */
    public static PlaybackPath parse(String path) {
        if (path == null || path.length() > 1024) {
            return null;
        }
        for (String reserved : RESERVED) {
            if (path.startsWith(reserved)) {
                return null;
            }
        }
        Matcher m = TRACKS_SEGMENT.matcher(path);
        if (m.matches() || (m = SEGMENT.matcher(path)).matches()) {
            return new PlaybackPath(m.group(1), Kind.SEGMENT, m.group(2));
        }
        m = TRACKS_PLAYLIST.matcher(path);
        if (m.matches()) {
            return new PlaybackPath(m.group(1), Kind.PLAYLIST, m.group(2));
        }
        m = OTHER.matcher(path);
        if (!m.matches()) {
            return null;
        }
        Kind kind = switch (m.group(2)) {
            case "mpegts" -> Kind.MPEGTS;
            case "media_info.json" -> Kind.MEDIA_INFO;
            default -> Kind.PLAYLIST;
        };
        return new PlaybackPath(m.group(1), kind, m.group(2));
    }
}
