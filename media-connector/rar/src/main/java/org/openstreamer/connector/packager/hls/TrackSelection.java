package org.openstreamer.connector.packager.hls;

import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.Arrays;
import java.util.List;

/**
 * Some tracks of a live stream, by their 1-based track ids (as {@code media_info.json} numbers
 * them), written {@code tracks-1,3} in URLs as the reference's {@code /NAME/tracks-1,2/index.m3u8}.
 * A {@code videoN} playlist is the selection of the Nth video track and every audio track.
 */
record TrackSelection(int[] ids) {

    static final String PREFIX = "tracks-";
    private static final int MAX_TRACKS = 16;

    /** {@code tracks-1,3} to a selection, or null when malformed (ids must be ascending, 1..99). */
    static TrackSelection parse(String text) {
        if (!text.startsWith(PREFIX) || text.length() > PREFIX.length() + 3 * MAX_TRACKS) {
            return null;
        }
        String[] parts = text.substring(PREFIX.length()).split(",", -1);
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            ids[i] = Integer.parseInt(p);
            if (ids[i] < 1 || (i > 0 && ids[i] <= ids[i - 1])) {
                return null;
            }
        }
        return new TrackSelection(ids);
    }

    /** The Nth (1-based) video track with every audio track, or null if there is no such video. */
    static TrackSelection video(List<TsTrack> tracks, int n) {
        int seen = 0;
        int[] ids = new int[tracks.size()];
        int count = 0;
        for (TsTrack t : tracks) {
            boolean wanted = t.kind() == TsTrack.Kind.AUDIO
                    || (t.kind() == TsTrack.Kind.VIDEO && ++seen == n);
            if (wanted) {
                ids[count++] = t.index() + 1;
            }
        }
        return seen >= n && n >= 1 ? new TrackSelection(Arrays.copyOf(ids, count)) : null;
    }

    /** The PIDs of the selected tracks, or null when one of them does not exist. */
    int[] pids(List<TsTrack> tracks) {
        int[] pids = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] > tracks.size()) {
                return null;
            }
            pids[i] = tracks.get(ids[i] - 1).pid();
        }
        return pids;
    }

    /** Whether every track of the stream is selected (the plain segments serve it as they are). */
    boolean coversAll(List<TsTrack> tracks) {
        return ids.length == tracks.size();
    }

    /** {@code tracks-1,3}: the folder of this selection's segments, relative to the stream. */
    String path() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ",").append(ids[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackSelection other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return path();
    }
}
