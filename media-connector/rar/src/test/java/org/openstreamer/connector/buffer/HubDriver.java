package org.openstreamer.connector.buffer;

import org.openstreamer.connector.demux.ts.TsTrack;

import java.util.List;

/**
 * Feeds a {@link LiveStream} the way the demuxer does: packets with their PIDs, the PAT and PMT
 * packets, tracks, then frames pointing at their packets. 25 fps video of two packets a frame,
 * an audio frame every other video frame, a keyframe every 2 s.
 */
public final class HubDriver {

    public static final int PMT_PID = 0x1000;
    public static final int VIDEO_PID = 0x100;
    public static final int AUDIO_PID = 0x101;
    public static final TsTrack VIDEO = new TsTrack(0, VIDEO_PID, 0x1B, TsTrack.Kind.VIDEO, "h264", 640, 360, 0, 0, null);
    public static final TsTrack AUDIO = new TsTrack(1, AUDIO_PID, 0x0F, TsTrack.Kind.AUDIO, "aac", 0, 0, 48000, 2, "eng");
    /** The marker byte (offset 10) of a keyframe's first packet. */
    public static final byte KEYFRAME_MARKER = (byte) 0xAA;

    private final LiveStream stream;
    private long localIndex;
    /** The next frame's PTS; a test sets it to model a new publisher's clock. */
    public long pts = 900_000;

    public HubDriver(LiveStream stream) {
        this.stream = stream;
    }

    /** A TS packet with the given PID and a marker byte. */
    public static byte[] packet(int pid, boolean unitStart, int marker) {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = (byte) ((unitStart ? 0x40 : 0) | (pid >> 8));
        p[2] = (byte) pid;
        p[3] = 0x10;
        p[10] = (byte) marker;
        return p;
    }

    private void feed(int pid, boolean unitStart, int marker) {
        stream.onPacket(packet(pid, unitStart, marker), 0, pid);
        localIndex++;
    }

    /** A publisher connects and sends its PAT, PMT and tracks. */
    public void startPublisher() {
        stream.publisherStarted("127.0.0.1:5000", 9000);
        localIndex = 0;
        byte[] pat = packet(0, true, 0);
        byte[] pmt = packet(PMT_PID, true, 0x33);
        stream.onPacket(pat, 0, 0);
        stream.onPacket(pmt, 0, PMT_PID);
        localIndex += 2;
        byte[] tables = new byte[376];
        System.arraycopy(pat, 0, tables, 0, 188);
        System.arraycopy(pmt, 0, tables, 188, 188);
        stream.onProgramTables(tables);
        stream.onTracks(List.of(VIDEO, AUDIO));
    }

    /** One video frame of two packets and, every other frame, one audio frame. */
    public void frame(boolean keyframe) {
        long first = localIndex;
        feed(VIDEO_PID, true, keyframe ? KEYFRAME_MARKER : 0x11);
        stream.onFrame(first, VIDEO, pts, pts, keyframe);
        feed(VIDEO_PID, false, 0);
        if ((pts / 3600) % 2 == 0) {
            long a = localIndex;
            feed(AUDIO_PID, true, 0x22);
            stream.onFrame(a, AUDIO, pts, pts, true);
        }
        pts += 3600;
    }

    /** Seconds of video with a keyframe every 2 s, then the chunk's flush. */
    public void play(int seconds) {
        for (int i = 0; i < seconds * 25; i++) {
            frame(((pts / 3600) % 50) == 0);
        }
        stream.flush();
    }
}
