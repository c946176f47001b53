package org.openstreamer.connector.ingest.rtsp;

import org.openstreamer.connector.mux.ts.MuxCodec;
import org.openstreamer.connector.mux.ts.MuxTrack;

import java.util.Locale;

/**
 * One track of the session description that the client takes: its codec, how its RTP is read
 * (sequence checks, timestamps extended past 32 bits and brought to 90 kHz from a base shared by
 * all tracks), and its depacketizer.
 */
final class RtspTrack {

    /** The codecs taken, by their SDP encoding names. */
    enum Codec { H264, H265, AAC, MP2T }

    /** Added to every timestamp, so the first ones never go below zero when tracks start unevenly. */
    static final long START_90K = 90_000;

    final SdpMedia media;
    final Codec codec;
    /** The URL of its {@code SETUP}. */
    final String control;
    /** Its index among the muxer's tracks; -1 for MP2T, which is passed through. */
    int muxIndex = -1;
    /** The RTP channel on the interleaved connection. */
    int channel;
    private RtpDepacketizer depacketizer;
    private boolean started;
    private int lastSequence;
    private long lastTimestamp32;
    private long extended;
    /** The RTP timestamp at the start of play ({@code RTP-Info: rtptime}), or of its first packet. */
    private long base;
    private boolean baseKnown;
    private long lost;
    private long late;

    RtspTrack(SdpMedia media, Codec codec, String control) {
        this.media = media;
        this.codec = codec;
        this.control = control;
    }

    /** The codec of a media description, or null when the client cannot take it. */
    static Codec codecOf(SdpMedia m) {
        String enc = m.encoding().toUpperCase(Locale.ROOT);
        return switch (enc) {
            case "H264" -> Codec.H264;
            case "H265", "HEVC" -> Codec.H265;
            case "MPEG4-GENERIC" -> m.type().equals("audio") && m.clockRate() > 0 ? Codec.AAC : null;
            case "MP2T" -> Codec.MP2T;
            default -> null;
        };
    }

    /** What the muxer is told of it (MP2T tracks are not muxed). */
    MuxTrack muxTrack(int pid) throws RtspProtocolException {
        return switch (codec) {
            case H264 -> MuxTrack.of(pid, MuxCodec.H264);
            case H265 -> MuxTrack.of(pid, MuxCodec.H265);
            case AAC -> new MuxTrack(pid, MuxCodec.AAC, AacDepacketizer.config(media.fmtp()));
            case MP2T -> throw new IllegalStateException("MP2T is passed through");
        };
    }

    /** Builds the depacketizer, units going to {@code sink}. */
    void depacketizeTo(RtpDepacketizer.Sink sink) throws RtspProtocolException {
        depacketizer = switch (codec) {
            case H264 -> H264Depacketizer.of(media.fmtp(), sink);
            case H265 -> H265Depacketizer.of(media.fmtp(), sink);
            case AAC -> AacDepacketizer.of(media.fmtp(), sink);
            case MP2T -> null;
        };
    }

    /** The timestamp at the start of play, from the {@code PLAY} reply's {@code RTP-Info}. */
    void base(long rtpTime) {
        base = rtpTime & 0xFFFFFFFFL;
        lastTimestamp32 = base;
        extended = base;
        baseKnown = true;
    }

    /**
     * One RTP packet of this track, header already parsed into {@code p}: depacketized, or for MP2T
     * its payload handed to {@code ts}. Duplicates and packets older than the last are dropped.
     */
    void packet(byte[] buf, RtpPacket p, RtpDepacketizer.Sink ts) {
        boolean lossBefore = false;
        int seq = p.sequence();
        if (started) {
            int step = (seq - lastSequence) & 0xFFFF;
            if (step == 0 || step >= 0x8000) {
                late++;
                return;
            }
            if (step > 1) {
                lost += step - 1;
                lossBefore = true;
            }
        }
        started = true;
        lastSequence = seq;
        long ts32 = p.timestamp();
        if (!baseKnown) {
            base(ts32);
        }
        extended += (int) (ts32 - lastTimestamp32); // signed step: wraps and small steps back both work
        lastTimestamp32 = ts32;
        if (depacketizer == null) {
            ts.unit(extended, true, buf, p.payloadOffset(), p.payloadLength());
        } else {
            depacketizer.payload(buf, p.payloadOffset(), p.payloadLength(), extended, p.marker(), lossBefore);
        }
    }

    /** An extended RTP timestamp in 90 kHz since the start of play. */
    long to90k(long timestamp) {
        long d = timestamp - base;
        int rate = media.clockRate();
        return START_90K + (rate == 90000 ? d : Math.floorDiv(d * 90000, rate));
    }

    long lost() {
        return lost;
    }

    long late() {
        return late;
    }

    long dropped() {
        return depacketizer == null ? 0 : depacketizer.dropped();
    }
}
