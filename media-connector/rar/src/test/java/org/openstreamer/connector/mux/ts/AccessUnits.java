package org.openstreamer.connector.mux.ts;

import org.openstreamer.connector.demux.ts.TsDemuxListener;
import org.openstreamer.connector.demux.ts.TsDemuxStats;
import org.openstreamer.connector.demux.ts.TsDemuxer;
import org.openstreamer.connector.demux.ts.TsPackets;
import org.openstreamer.connector.demux.ts.TsTrack;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transport stream taken apart by {@link TsDemuxer} into access units with their bytes: each
 * frame the demuxer reports is matched with the PES that starts at its first packet.
 */
final class AccessUnits implements TsDemuxListener {

    /** One access unit: its PID, 90 kHz times, keyframe flag and elementary stream bytes. */
    record Unit(int pid, long pts, long dts, boolean keyframe, byte[] data) {
    }

    private record Frame(long packetIndex, int pid, long pts, long dts, boolean keyframe) {
    }

    private final Map<Integer, ByteArrayOutputStream> open = new HashMap<>();
    private final Map<Integer, Long> openStart = new HashMap<>();
    /** Whole PES packets by PID and first packet index. */
    private final Map<Long, byte[]> pes = new HashMap<>();
    private final List<Frame> frames = new ArrayList<>();
    private long packets;
    List<TsTrack> tracks = List.of();
    TsDemuxStats stats;
    final List<Unit> units = new ArrayList<>();

    static AccessUnits of(byte[] ts) {
        AccessUnits a = new AccessUnits();
        TsDemuxer d = new TsDemuxer(a);
        d.feed(ts, 0, ts.length);
        d.flush();
        a.stats = d.stats();
        for (int pid : a.open.keySet().toArray(Integer[]::new)) {
            a.close(pid);
        }
        for (Frame f : a.frames) {
            byte[] p = a.pes.get(key(f.pid, f.packetIndex));
            if (p == null) {
                throw new AssertionError("no PES at packet " + f.packetIndex + " for frame on PID " + f.pid);
            }
            int header = 9 + (p[8] & 0xFF);
            a.units.add(new Unit(f.pid, f.pts, f.dts, f.keyframe, Arrays.copyOfRange(p, header, p.length)));
        }
        return a;
    }

    /** Muxes {@code units} onto the declared tracks, each unit to the track of its PID. */
    static byte[] mux(List<MuxTrack> tracks, List<Unit> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TsMuxer muxer = new TsMuxer(tracks, out::write);
        for (Unit u : units) {
            muxer.accessUnit(trackOf(tracks, u.pid()), u.pts(), u.dts(), u.keyframe(), u.data(), 0, u.data().length);
        }
        return out.toByteArray();
    }

    static int trackOf(List<MuxTrack> tracks, int pid) {
        for (int i = 0; i < tracks.size(); i++) {
            if (tracks.get(i).pid() == pid) {
                return i;
            }
        }
        throw new AssertionError("no track on PID " + pid);
    }

    List<Unit> of(int pid) {
        return units.stream().filter(u -> u.pid() == pid).toList();
    }

    @Override
    public void onPacket(byte[] buf, int off, int pid) {
        long index = packets++;
        boolean start = TsPackets.unitStart(buf, off);
        if (start) {
            close(pid);
            open.put(pid, new ByteArrayOutputStream());
            openStart.put(pid, index);
        }
        ByteArrayOutputStream b = open.get(pid);
        if (b == null || (buf[off + 3] & 0x10) == 0) {
            return;
        }
        int payload = (buf[off + 3] & 0x20) != 0 ? 5 + (buf[off + 4] & 0xFF) : 4;
        b.write(buf, off + payload, TsPackets.SIZE - payload);
    }

    private void close(int pid) {
        ByteArrayOutputStream b = open.remove(pid);
        if (b != null) {
            pes.put(key(pid, openStart.remove(pid)), b.toByteArray());
        }
    }

    private static long key(int pid, long index) {
        return ((long) pid << 40) | index;
    }

    @Override
    public void onTracks(List<TsTrack> tracks) {
        this.tracks = tracks;
    }

    @Override
    public void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe) {
        frames.add(new Frame(firstPacketIndex, track.pid(), pts, dts, keyframe));
    }
}
