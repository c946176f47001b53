package org.openstreamer.connector.ingest.rtsp;

import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;
import org.openstreamer.connector.mux.ts.MuxInputException;
import org.openstreamer.connector.mux.ts.MuxTrack;
import org.openstreamer.connector.mux.ts.TsMuxer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * {@code rtsp://} pulled from a camera or server: the session is set up when opened
 * ({@link RtspSession}), then RTP comes interleaved on the RTSP connection or over UDP, is
 * depacketized into access units with 90 kHz timestamps and muxed to MPEG-TS, which
 * {@link #read} hands to the puller like any other pulled TS input. An MP2T track (payload type
 * 33) is passed through as it comes. Keep-alives go out at half the session timeout; closing sends
 * {@code TEARDOWN}.
 *
 * <p>One thread (the puller's) does everything; buffers are reused, so steady-state reading
 * allocates nothing per packet.
 */
public final class RtspTsInput implements TsInput {

    private static final Logger LOG = Logger.getLogger(RtspTsInput.class.getName());
    /** First TS PID of the muxed tracks; track i goes on {@code FIRST_PID + i}. */
    static final int FIRST_PID = 0x100;

    private final RtspSession session;
    private final RtpPacket packet = new RtpPacket();
    private final TsMuxer muxer;
    private final UdpRtpReceiver udp;
    private final UdpRtpReceiver.Handler udpHandler = this::rtp;
    /** TS waiting to be read: {@code out[outStart .. outEnd)}. */
    private byte[] out = new byte[256 * 1024];
    private int outStart;
    private int outEnd;
    private long refused;
    private long foreign;

    private RtspTsInput(RtspSession session) throws IOException {
        this.session = session;
        this.udp = session.udp();
        List<MuxTrack> mux = new ArrayList<>();
        for (RtspTrack t : session.tracks()) {
            if (t.codec != RtspTrack.Codec.MP2T) {
                t.muxIndex = mux.size();
                mux.add(t.muxTrack(FIRST_PID + mux.size()));
            }
            t.depacketizeTo(t.codec == RtspTrack.Codec.MP2T ? this::passThrough
                    : (ts, key, b, o, l) -> muxUnit(t, ts, key, b, o, l));
        }
        this.muxer = mux.isEmpty() ? null : new TsMuxer(mux, this::append);
    }

    /** Connects, sets the session up and starts play. @throws IOException with the reason, for {@code source_lost} */
    public static RtspTsInput open(RtspUrl url, RtspOptions options) throws IOException {
        RtspSession s = RtspSession.start(url, options, PullClients.POLL_MILLIS);
        try {
            RtspTsInput in = new RtspTsInput(s);
            s.play();
            return in;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        long deadline = System.nanoTime() + PullClients.POLL_MILLIS * 1_000_000L;
        while (outEnd == outStart) {
            session.keepAliveIfDue();
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (udp != null) {
                udp.receive(left, udpHandler);
                session.pollControl(); // replies to keep-alives, and the server closing the session
            } else {
                RtspMessageReader r = session.reader();
                RtspMessageReader.Kind k = r.next();
                if (k == RtspMessageReader.Kind.FRAME) {
                    RtspTrack t = session.trackOnChannel(r.channel());
                    if (t != null) {
                        rtp(t, r.buffer(), r.frameOffset(), r.frameLength());
                    }
                } else if (k == RtspMessageReader.Kind.RESPONSE) {
                    session.reply(r.response());
                }
            }
            if (left <= 0) {
                break;
            }
        }
        int n = Math.min(len, outEnd - outStart);
        System.arraycopy(out, outStart, buf, off, n);
        outStart += n;
        if (outStart == outEnd) {
            outStart = outEnd = 0;
        }
        return n;
    }

    private void rtp(RtspTrack t, byte[] buf, int len) {
        rtp(t, buf, 0, len);
    }

    private void rtp(RtspTrack t, byte[] buf, int off, int len) {
        if (!packet.parse(buf, off, len) || packet.payloadType() != t.media.payloadType()) {
            foreign++;
            return;
        }
        t.packet(buf, packet, this::passThrough);
    }

    private void muxUnit(RtspTrack t, long ts, boolean keyframe, byte[] b, int o, int l) {
        long pts = t.to90k(ts);
        try {
            muxer.accessUnit(t.muxIndex, pts, pts, keyframe, b, o, l);
        } catch (MuxInputException e) {
            if (refused++ == 0) {
                LOG.warning("RTSP " + session.url() + ": access unit refused (further ones only counted): " + e.getMessage());
            }
        }
    }

    private void passThrough(long ts, boolean keyframe, byte[] b, int o, int l) {
        append(b, o, l);
    }

    private void append(byte[] b, int o, int l) {
        if (outEnd + l > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outEnd + l));
        }
        System.arraycopy(b, o, out, outEnd, l);
        outEnd += l;
    }

    @Override
    public void close() throws IOException {
        long lost = 0;
        long late = 0;
        long dropped = 0;
        for (RtspTrack t : session.tracks()) {
            lost += t.lost();
            late += t.late();
            dropped += t.dropped();
        }
        if (lost + late + dropped + refused + foreign > 0) {
            LOG.info(String.format(Locale.ROOT, "RTSP %s: %d RTP packets lost, %d late or duplicated, %d not RTP of "
                            + "the track; %d access units dropped as incomplete, %d refused by the muxer",
                    session.url(), lost, late, foreign, dropped, refused));
        }
        session.close();
    }
}
