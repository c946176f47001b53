package org.openstreamer.connector.push;

import org.openstreamer.connector.demux.ts.TsPackets;
import org.openstreamer.connector.demux.ts.TsTrack;
import org.openstreamer.connector.mux.ts.ProgramSubset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tracks=v2a1} on a push: only the 2nd video and the 1st audio track go out, under a PMT
 * that lists only them (the reference's syntax: {@code vN} the Nth video track, {@code aN} the Nth
 * audio track, 1-based, in any number). The stream's PIDs are looked up again whenever its
 * program tables change, so a new source with other PIDs keeps the same choice.
 */
final class TrackFilter {

    private static final Pattern SPEC = Pattern.compile("(?:[va][1-9][0-9]?){1,8}");
    private static final Pattern PART = Pattern.compile("([va])([1-9][0-9]?)");

    private final String spec;
    private final List<String> parts = new ArrayList<>();
    private byte[] tables;
    private ProgramSubset subset;

    /** @throws IllegalArgumentException when {@code spec} is not of the form {@code v2a1} */
    TrackFilter(String spec) {
        if (!SPEC.matcher(spec).matches()) {
            throw new IllegalArgumentException("tracks=" + spec + " is not a list of tracks such as v1a2");
        }
        this.spec = spec;
        Matcher m = PART.matcher(spec);
        while (m.find()) {
            parts.add(m.group());
        }
    }

    /**
     * Keeps in {@code buf[0 .. length)} (whole packets) only what the chosen tracks need, moving it
     * to the front; the stream's current PAT and PMT are replaced by the reduced ones.
     *
     * @return the length kept
     * @throws IllegalStateException when the stream lacks a chosen track or its tables cannot be reduced
     */
    int apply(byte[] buf, int length, byte[] streamTables, List<TsTrack> tracks) {
        if (streamTables != tables) {
            subset = ProgramSubset.of(streamTables, pids(tracks));
            if (subset == null) {
                throw new IllegalStateException("tracks=" + spec + ": the stream's program tables cannot be reduced");
            }
            tables = streamTables;
        }
        int w = 0;
        for (int p = 0; p + TsPackets.SIZE <= length; p += TsPackets.SIZE) {
            byte action = subset.action(TsPackets.pid(buf, p));
            if (action == ProgramSubset.KEEP) {
                if (w != p) {
                    System.arraycopy(buf, p, buf, w, TsPackets.SIZE);
                }
                w += TsPackets.SIZE;
            } else if (action != ProgramSubset.DROP && subset.replace(action, buf, p, buf, w)) {
                w += TsPackets.SIZE; // w <= p: the replacement never overwrites a packet still to be read
            }
        }
        return w;
    }

    private int[] pids(List<TsTrack> tracks) {
        int[] pids = new int[parts.size()];
        for (int i = 0; i < pids.length; i++) {
            String part = parts.get(i);
            TsTrack.Kind kind = part.charAt(0) == 'v' ? TsTrack.Kind.VIDEO : TsTrack.Kind.AUDIO;
            int n = Integer.parseInt(part.substring(1));
            TsTrack found = tracks.stream().filter(t -> t.kind() == kind).skip(n - 1L).findFirst()
                    .orElseThrow(() -> new IllegalStateException("tracks=" + spec + ": the stream has no track " + part));
            pids[i] = found.pid();
        }
        return pids;
    }
}
