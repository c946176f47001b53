package org.openstreamer.connector.demux.ts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** Remembers every callback: enough to compare runs and to check frames against packets. */
final class RecordingListener implements TsDemuxListener {

    record Frame(long packetIndex, TsTrack track, long pts, long dts, boolean keyframe) {
    }

    final List<List<TsTrack>> trackLists = new ArrayList<>();
    final List<Frame> frames = new ArrayList<>();
    /** A line per callback; packets as their CRC, so two runs compare cheaply. */
    final List<String> events = new ArrayList<>();
    private int[] packetInfo = new int[1024];
    private int packets;
    private final CRC32 crc = new CRC32();

    @Override
    public void onPacket(byte[] buf, int off, int pid) {
        if (buf[off] != TsPacket.SYNC) {
            throw new AssertionError("packet " + packets + " without sync byte");
        }
        if (pid != TsPacket.pid(buf, off)) {
            throw new AssertionError("packet " + packets + " handed on with PID " + pid);
        }
        if (packets == packetInfo.length) {
            packetInfo = Arrays.copyOf(packetInfo, packets * 2);
        }
        packetInfo[packets++] = TsPacket.pid(buf, off) | (TsPacket.payloadUnitStart(buf, off) ? 1 << 13 : 0);
        crc.reset();
        crc.update(buf, off, TsPacket.SIZE);
        events.add("P " + Long.toHexString(crc.getValue()));
    }

    /** Copies of what {@link #onProgramTables} handed over, in order. */
    final List<byte[]> tables = new ArrayList<>();

    @Override
    public void onProgramTables(byte[] patAndPmt) {
        tables.add(patAndPmt.clone());
    }

    @Override
    public void onTracks(List<TsTrack> tracks) {
        trackLists.add(tracks);
        events.add("T " + tracks);
    }

    @Override
    public void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe) {
        frames.add(new Frame(firstPacketIndex, track, pts, dts, keyframe));
        events.add("F " + firstPacketIndex + " " + track.pid() + " " + pts + " " + dts + " " + keyframe);
    }

    int packetCount() {
        return packets;
    }

    int pidOf(long packetIndex) {
        return packetInfo[(int) packetIndex] & 0x1FFF;
    }

    boolean unitStartOf(long packetIndex) {
        return (packetInfo[(int) packetIndex] & (1 << 13)) != 0;
    }

    List<Frame> framesOf(int pid) {
        return frames.stream().filter(f -> f.track().pid() == pid).toList();
    }

    List<TsTrack> lastTracks() {
        return trackLists.isEmpty() ? List.of() : trackLists.get(trackLists.size() - 1);
    }

    /** Feeds the whole array in one call, then flushes. */
    static RecordingListener demux(byte[] ts) {
        RecordingListener l = new RecordingListener();
        TsDemuxer d = new TsDemuxer(l);
        d.feed(ts, 0, ts.length);
        d.flush();
        l.stats = d.stats();
        return l;
    }

    TsDemuxStats stats;
}
