package org.openstreamer.web.playback;

import org.openstreamer.connector.api.StreamName;

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

    public enum Kind { PLAYLIST, SEGMENT, MPEGTS, MEDIA_INFO, PREVIEW }

    /** An HLS playlist or segment (what the engine keeps ready in memory). */
    public boolean isHls() {
        return kind == Kind.PLAYLIST || kind == Kind.SEGMENT;
    }

    private static final String[] RESERVED = {"/streamer/", "/admin/", "/jakarta.faces.resource/", "/resources/", "/health", "/error",
            "/openapi"};
    private static final String TRACKS = "tracks-";
    private static final String INDEX = "index.m3u8";

    /**
     * The playback request this path names, or null if it is not one. A hand-written parser (this
     * runs for every request of the live hot path): {@code /NAME/} then a playlist, {@code mpegts},
     * {@code media_info.json}, {@code preview.jpg} (the latest thumbnail), or a segment path {@code YYYY/MM/DD/HH/MM/SS[.mmm]-DDDDD.ts}; a
     * track folder {@code tracks-1,3/} before {@code index.m3u8} or a segment path belongs to the
     * resource, not the name. NAME follows {@link StreamName}.
     */
    public static PlaybackPath parse(String path) {
        if (path == null || path.length() > 1024 || path.length() < 3 || path.charAt(0) != '/') {
            return null;
        }
        for (String reserved : RESERVED) {
            if (path.startsWith(reserved)) {
                return null;
            }
        }
        int last = path.lastIndexOf('/');
        if (path.endsWith(".ts")) {
            int start = last;
            for (int i = 0; i < 5 && start > 0; i++) {
                start = path.lastIndexOf('/', start - 1);
            }
            if (start <= 0 || !isSegmentPath(path, start + 1)) {
                return null;
            }
            return withTracks(path, start, Kind.SEGMENT);
        }
        if (last <= 0) {
            return null;
        }
        String file = path.substring(last + 1);
        Kind kind = switch (file) {
            case INDEX, "playlist.m3u8", "mono.m3u8" -> Kind.PLAYLIST;
            case "mpegts" -> Kind.MPEGTS;
            case "media_info.json" -> Kind.MEDIA_INFO;
            case "preview.jpg" -> Kind.PREVIEW;
            default -> isVideoN(file) ? Kind.PLAYLIST : null;
        };
        if (kind == null) {
            return null;
        }
        if (file.equals(INDEX)) {
            return withTracks(path, last, kind);
        }
        return named(path, last, kind, last + 1);
    }

    /** The resource from {@code end + 1} on, with a {@code tracks-IDS/} folder before it taken into it when there is one. */
    private static PlaybackPath withTracks(String path, int end, Kind kind) {
        int folder = path.lastIndexOf('/', end - 1);
        if (folder > 0 && isTracks(path, folder + 1, end)) {
            PlaybackPath tracks = named(path, folder, kind, folder + 1);
            if (tracks != null) {
                return tracks;
            }
        }
        return named(path, end, kind, end + 1);
    }

    /** Stream {@code [1, end)} of {@code path} if it is a valid stream name (the one rule, {@link StreamName}), resource from {@code from}. */
    private static PlaybackPath named(String path, int end, Kind kind, int from) {
        String name = path.substring(1, end);
        return StreamName.isValid(name) ? new PlaybackPath(name, kind, path.substring(from)) : null;
    }

    /** {@code tracks-N[,N...]} (1 or 2 digits each, at most 16 ids) exactly over {@code [from, to)}. */
    private static boolean isTracks(String s, int from, int to) {
        if (!s.startsWith(TRACKS, from)) {
            return false;
        }
        int ids = 0;
        int i = from + TRACKS.length();
        while (true) {
            int digits = 0;
            while (i < to && digits < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
            if (digits == 0 || digits > 2 || ++ids > 16) {
                return false;
            }
            if (i == to) {
                return true;
            }
            if (s.charAt(i++) != ',') {
                return false;
            }
        }
    }

    /** {@code YYYY/MM/DD/HH/MM/SS[.mmm]-DDDDD.ts} (5 to 7 duration digits) from {@code from} to the end. */
    private static boolean isSegmentPath(String s, int from) {
        int i = from;
        i = digits(s, i, 4);
        for (int n = 0; n < 5 && i > 0; n++) {
            i = i < s.length() && s.charAt(i) == '/' ? digits(s, i + 1, 2) : -1;
        }
        if (i > 0 && i < s.length() && s.charAt(i) == '.') {
            i = digits(s, i + 1, 3);
        }
        if (i < 0 || i >= s.length() || s.charAt(i) != '-') {
            return false;
        }
        int end = s.length() - 3; // before ".ts"
        int duration = end - (i + 1);
        return duration >= 5 && duration <= 7 && digits(s, i + 1, duration) == end;
    }

    /** The index after {@code n} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int n) {
        if (from < 0 || from + n > s.length()) {
            return -1;
        }
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return from + n;
    }

    /** {@code video.m3u8}, {@code video1.m3u8} ... {@code video99.m3u8}. */
    private static boolean isVideoN(String file) {
        if (!file.startsWith("video") || !file.endsWith(".m3u8")) {
            return false;
        }
        int n = file.length() - "video".length() - ".m3u8".length();
        return n >= 0 && n <= 2 && digits(file, 5, n) == 5 + n;
    }
}
