package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.List;

/**
 * Answers the live HLS URLs of a stream (the names are the reference's):
 * <ul>
 * <li>{@code index.m3u8}, {@code playlist.m3u8}: a master playlist of the {@code videoN} variants when
 *     there are several video tracks, otherwise the media playlist of the whole stream;</li>
 * <li>{@code mono.m3u8}: the media playlist of the whole stream, every track in each segment;</li>
 * <li>{@code video.m3u8}: the master playlist of the {@code videoN} variants, even for one video;</li>
 * <li>{@code videoN.m3u8}: the media playlist of the Nth video track with all the audio;</li>
 * <li>{@code tracks-1,3/index.m3u8}: the media playlist of the tracks named by their ids.</li>
 * </ul>
 * Variant playlists list their segments under {@code tracks-IDS/}; {@link HlsOutput} serves them.
 */
public final class Playback {

    private static final String INDEX = "index.m3u8";

    private Playback() {
    }

    /** The playlist text over the stream's current segments, or null when it has none or no such variant. */
    public static String hlsPlaylist(HlsSegmenter segmenter, String playlist) {
        return segmenter == null ? null : hlsPlaylist(segmenter.hub(), segmenter.window(), playlist);
    }

    /** The playlist text over {@code window}, or null when it has no segment or the stream no such variant. */
    static String hlsPlaylist(LiveStream live, SegmentWindow window, String playlist) {
        return hlsPlaylist(live, window, playlist, null);
    }

    /** Like {@link #hlsPlaylist(LiveStream, SegmentWindow, String)}, with the key lines of a protected stream. */
    static String hlsPlaylist(LiveStream live, SegmentWindow window, String playlist, KeyTags keys) {
        if (window.segments().isEmpty()) {
            return null;
        }
        List<TsTrack> tracks = live.tracks();
        int videos = (int) tracks.stream().filter(t -> t.kind() == TsTrack.Kind.VIDEO).count();
        int slash = playlist.indexOf('/');
        if (slash >= 0) {
            TrackSelection selection = TrackSelection.parse(playlist.substring(0, slash));
            boolean valid = selection != null && selection.pids(tracks) != null
                    && INDEX.equals(playlist.substring(slash + 1));
            return valid ? HlsPlaylistWriter.media(window, "", keys, 1) : null;
        }
        return switch (playlist) {
            case INDEX, "playlist.m3u8" -> videos > 1 ? master(live, tracks) : HlsPlaylistWriter.media(window, "", keys, 0);
            case "mono.m3u8" -> HlsPlaylistWriter.media(window, "", keys, 0);
            case "video.m3u8" -> master(live, tracks);
            default -> variant(window, tracks, videoNumber(playlist), keys);
        };
    }

    private static String master(LiveStream live, List<TsTrack> tracks) {
        return HlsPlaylistWriter.master(tracks, bitrates(live, tracks));
    }

    private static String variant(SegmentWindow window, List<TsTrack> tracks, int n, KeyTags keys) {
        TrackSelection selection = n > 0 ? TrackSelection.video(tracks, n) : null;
        if (selection == null) {
            return null;
        }
        // One video and nothing but audio beside it: the plain segments are that variant already.
        String folder = selection.coversAll(tracks) ? "" : selection.path() + "/";
        return HlsPlaylistWriter.media(window, folder, keys, 0);
    }

    /** N of {@code videoN.m3u8} (1..99), or 0 for any other name. */
    static int videoNumber(String playlist) {
        if (!playlist.startsWith("video") || !playlist.endsWith(".m3u8")) {
            return 0;
        }
        String n = playlist.substring(5, playlist.length() - 5);
        boolean digits = !n.isEmpty() && n.length() <= 2 && n.charAt(0) != '0'
                && n.chars().allMatch(c -> c >= '0' && c <= '9');
        return digits ? Integer.parseInt(n) : 0;
    }

    private static long[] bitrates(LiveStream live, List<TsTrack> tracks) {
        long[] out = new long[tracks.size()];
        live.mediaInfo().streams().forEach(t -> {
            if (t.trackId() - 1 < out.length) {
                out[t.trackId() - 1] = t.bitrate();
            }
        });
        return out;
    }
}
