package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.List;

/** Chooses the playlist a live HLS URL asks for ({@code index}, {@code mono}, {@code video}, {@code videoN}). */
public final class Playback {

    private Playback() {
    }

    /** The playlist text, or null when the stream is not live or has no such variant. */
    public static String hlsPlaylist(LiveStream live, String playlist) {
        if (live == null) {
            return null;
        }
        List<TsTrack> tracks = live.tracks();
        long videos = tracks.stream().filter(t -> t.kind() == TsTrack.Kind.VIDEO).count();
        return switch (playlist) {
            // Segments carry every track; several video tracks are not split into variants yet.
            case "index.m3u8", "playlist.m3u8", "mono.m3u8" -> HlsPlaylistWriter.media(live.window());
            case "video.m3u8" -> videos == 1 && !live.window().segments().isEmpty()
                    ? HlsPlaylistWriter.master(tracks, bitrates(live, tracks)) : null;
            case "video1.m3u8" -> videos == 1 ? HlsPlaylistWriter.media(live.window()) : null;
            default -> null;
        };
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
