package org.openstreamer.connector.demux.ts;

import java.util.List;

/**
 * What {@link TsDemuxer} reports, all on the thread that calls {@code feed}. Implementations must
 * not block and must not keep the array passed to {@link #onPacket}: it is reused.
 */
public interface TsDemuxListener {

    /**
     * One valid 188-byte TS packet at {@code buf[off .. off+188)}, with its PID, in arrival order. Packets are
     * numbered from 0 in the order of these calls; that number is the {@code packetIndex} the other
     * callbacks refer to. Garbage, lost-sync bytes and packets with transport_error_indicator set
     * are never passed on.
     */
    void onPacket(byte[] buf, int off, int pid);

    /**
     * The program's PAT and PMT packets, {@code patAndPmt[0 .. 188)} and {@code [188 .. 376)}, each
     * time either is repeated (continuity counters as sent), once both are known and each carries
     * its whole section. So a listener can start segments and viewers with the tables without
     * parsing TS itself. The array is reused: copy what you keep.
     */
    default void onProgramTables(byte[] patAndPmt) {
    }

    /** The program's tracks, on the first PMT and whenever the PMT or a track's parameters change. */
    void onTracks(List<TsTrack> tracks);

    /**
     * A new frame (access unit) starts. Reported as early as its type is known: for video once the
     * first slice NAL header of the PES has been read (usually in its first packet), for audio at
     * the PES start.
     *
     * @param firstPacketIndex index of the packet holding the PES header of this frame
     * @param track            the track (from the latest {@link #onTracks} list)
     * @param pts              presentation time, 90 kHz, unwrapped (monotonic across the 33-bit wrap)
     * @param dts              decode time, 90 kHz, unwrapped; equals pts when the PES has none
     * @param keyframe         video: IDR (H.264) or IRAP (H.265); audio: always true
     */
    void onFrame(long firstPacketIndex, TsTrack track, long pts, long dts, boolean keyframe);
}
