package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.demux.aac.AdtsHeader;

import java.io.IOException;
import java.util.Arrays;

/**
 * Turns a stream's live MPEG-TS back into FLV tag bodies for an RTMP player: H.264 (Annex B to
 * length-prefixed NAL units; an AVCDecoderConfigurationRecord made from the SPS and PPS before the
 * first keyframe, and again when they change) and AAC (ADTS frames to raw frames, with an
 * AudioSpecificConfig from their header). It reads the PAT and PMT itself and follows the first
 * H.264 and the first AAC track; others are skipped. Timestamps are milliseconds from the first
 * keyframe; audio before it is dropped, as is video until a keyframe brings its parameter sets. Buffers grow to the largest access unit and are reused; one thread uses it.
 */
final class TsFlvTags {

    /** Where the tags go, in decoding order; the array is reused after the call. */
    interface Sink {
        void tag(int type, long timestampMs, byte[] buf, int off, int len) throws IOException;
    }

    static final int PACKET = 188;
    private static final int STREAM_TYPE_H264 = 0x1B;
    private static final int STREAM_TYPE_AAC = 0x0F;
    private static final long WRAP = 1L << 33;
    /** A PES larger than this is dropped (a corrupt length), not buffered. */
    private static final int MAX_PES = 8 << 20;

    private final Sink sink;
    private final Pes video = new Pes(true);
    private final Pes audio = new Pes(false);
    private int pmtPid = -1;
    private int videoPid = -1;
    private int audioPid = -1;
    private byte[] out = new byte[64 * 1024];
    private byte[] sps;
    private byte[] pps;
    private boolean videoConfigSent;
    private final byte[] asc = new byte[2];
    private boolean audioConfigSent;
    /** 90 kHz time of the first tag, unwrapped; -1 before it. */
    private long base = -1;
    private long lastRaw = -1;
    private long wrapOffset;
    private long droppedFrames;

    TsFlvTags(Sink sink) {
        this.sink = sink;
    }

    /** Whether the program has an H.264 track, as its PMT says (false before the PMT). */
    boolean hasVideo() {
        return videoPid >= 0;
    }

    /** Whether the program has an AAC track, as its PMT says (false before the PMT). */
    boolean hasAudio() {
        return audioPid >= 0;
    }

    /** Units that could not be converted (broken PES or ADTS). */
    long droppedFrames() {
        return droppedFrames;
    }

    /** Whole TS packets at {@code a[off .. off+len)}. */
    void packets(byte[] a, int off, int len) throws IOException {
        for (int p = off; p + PACKET <= off + len; p += PACKET) {
            packet(a, p);
        }
    }

    private void packet(byte[] a, int p) throws IOException {
        if (a[p] != 0x47) {
            return;
        }
        int pid = ((a[p + 1] & 0x1F) << 8) | (a[p + 2] & 0xFF);
        boolean start = (a[p + 1] & 0x40) != 0;
        int control = (a[p + 3] >> 4) & 0x03;
        if ((control & 0x01) == 0) {
            return; // no payload
        }
        int from = p + 4 + (control == 3 ? 1 + (a[p + 4] & 0xFF) : 0);
        int to = p + PACKET;
        if (from >= to) {
            return;
        }
        if (pid == 0 && start) {
            pat(a, from, to);
        } else if (pid == pmtPid && start) {
            pmt(a, from, to);
        } else if (pid == videoPid) {
            video.payload(a, from, to, start);
            // A keyframe's PES ends only when the next one starts: its random_access_indicator sets
            // the time base at once, so the audio between the two is not dropped.
            if (start && base < 0 && video.open && control == 3 && a[p + 4] != 0 && (a[p + 5] & 0x40) != 0) {
                base = unwrap(video.dts);
            }
        } else if (pid == audioPid) {
            audio.payload(a, from, to, start);
        }
    }

    /** The first program's PMT PID; the section must fit the packet, as the engine's muxer writes it. */
    private void pat(byte[] a, int from, int to) {
        int s = from + 1 + (a[from] & 0xFF);
        if (s + 8 > to || a[s] != 0) {
            return;
        }
        int end = Math.min(to, s + 3 + (((a[s + 1] & 0x0F) << 8) | (a[s + 2] & 0xFF))) - 4;
        for (int e = s + 8; e + 4 <= end; e += 4) {
            int program = ((a[e] & 0xFF) << 8) | (a[e + 1] & 0xFF);
            if (program != 0) {
                pmtPid = ((a[e + 2] & 0x1F) << 8) | (a[e + 3] & 0xFF);
                return;
            }
        }
    }

    private void pmt(byte[] a, int from, int to) {
        int s = from + 1 + (a[from] & 0xFF);
        if (s + 12 > to || a[s] != 2) {
            return;
        }
        int end = Math.min(to, s + 3 + (((a[s + 1] & 0x0F) << 8) | (a[s + 2] & 0xFF))) - 4;
        int v = -1;
        int au = -1;
        for (int e = s + 12 + (((a[s + 10] & 0x0F) << 8) | (a[s + 11] & 0xFF)); e + 5 <= end;
             e += 5 + (((a[e + 3] & 0x0F) << 8) | (a[e + 4] & 0xFF))) {
            int pid = ((a[e + 1] & 0x1F) << 8) | (a[e + 2] & 0xFF);
            if (a[e] == STREAM_TYPE_H264 && v < 0) {
                v = pid;
            } else if (a[e] == STREAM_TYPE_AAC && au < 0) {
                au = pid;
            }
        }
        if (v != videoPid) {
            video.reset();
            videoPid = v;
        }
        if (au != audioPid) {
            audio.reset();
            audioPid = au;
        }
    }

    /** One PID's PES being gathered; complete at its length, or at the next PES when unbounded. */
    private final class Pes {
        final boolean isVideo;
        byte[] buf = new byte[16 * 1024];
        int length;
        int expected;
        long pts;
        long dts;
        boolean open;

        Pes(boolean isVideo) {
            this.isVideo = isVideo;
        }

        void reset() {
            open = false;
        }

        void payload(byte[] a, int from, int to, boolean start) throws IOException {
            if (start) {
                if (open) {
                    complete();
                }
                if (to - from < 9 || a[from] != 0 || a[from + 1] != 0 || a[from + 2] != 1) {
                    droppedFrames++;
                    return;
                }
                int pesLength = ((a[from + 4] & 0xFF) << 8) | (a[from + 5] & 0xFF);
                int flags = a[from + 7] & 0xFF;
                int headerLength = a[from + 8] & 0xFF;
                if ((flags & 0x80) == 0 || 9 + headerLength > to - from) {
                    droppedFrames++;
                    return;
                }
                pts = timestamp(a, from + 9);
                dts = (flags & 0x40) != 0 ? timestamp(a, from + 14) : pts;
                expected = pesLength == 0 ? -1 : pesLength - 3 - headerLength;
                length = 0;
                open = true;
                from += 9 + headerLength;
            } else if (!open) {
                return;
            }
            append(a, from, to - from);
            if (expected >= 0 && length >= expected) {
                complete();
            }
        }

        private void append(byte[] a, int from, int n) {
            if (length + n > MAX_PES) {
                open = false;
                droppedFrames++;
                return;
            }
            if (length + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
            }
            System.arraycopy(a, from, buf, length, n);
            length += n;
        }

        private void complete() throws IOException {
            open = false;
            if (isVideo) {
                video(buf, Math.min(length, expected >= 0 ? expected : length), unwrap(pts), unwrap(dts));
            } else {
                audio(buf, Math.min(length, expected >= 0 ? expected : length), unwrap(pts));
            }
        }
    }

    private void video(byte[] b, int len, long pts, long dts) throws IOException {
        boolean key = false;
        int payload = 0;
        for (int s = nextNal(b, 0, len); s >= 0; ) {
            int next = nextNal(b, s, len);
            int end = next < 0 ? len : startCodeBegin(b, next);
            int type = b[s] & 0x1F;
            if (type == 7) {
                sps = changed(sps, b, s, end);
            } else if (type == 8) {
                pps = changed(pps, b, s, end);
            } else if (type != 9) {
                key |= type == 5;
                payload += 4 + end - s;
            }
            s = next;
        }
        if (key && sps != null && pps != null && sps.length >= 4) {
            if (base < 0) {
                base = dts;
            }
            if (!videoConfigSent) {
                videoConfig(dts);
            }
        }
        if (!videoConfigSent || payload == 0) {
            return; // waits for the first keyframe with its parameter sets
        }
        long ms = (dts - base) / 90;
        if (ms < 0) {
            return;
        }
        ensure(5 + payload);
        int cts = (int) Math.max(-0x800000, Math.min(0x7FFFFF, (pts - dts) / 90));
        out[0] = (byte) (key ? 0x17 : 0x27);
        out[1] = 1;
        out[2] = (byte) (cts >> 16);
        out[3] = (byte) (cts >> 8);
        out[4] = (byte) cts;
        int o = 5;
        for (int s = nextNal(b, 0, len); s >= 0; ) {
            int next = nextNal(b, s, len);
            int end = next < 0 ? len : startCodeBegin(b, next);
            int type = b[s] & 0x1F;
            if (type != 7 && type != 8 && type != 9) {
                int n = end - s;
                out[o] = (byte) (n >>> 24);
                out[o + 1] = (byte) (n >>> 16);
                out[o + 2] = (byte) (n >>> 8);
                out[o + 3] = (byte) n;
                System.arraycopy(b, s, out, o + 4, n);
                o += 4 + n;
            }
            s = next;
        }
        sink.tag(RtmpMessage.VIDEO, ms, out, 0, o);
    }

    /** The sequence header: an AVCDecoderConfigurationRecord with one SPS and one PPS. */
    private void videoConfig(long dts) throws IOException {
        int n = 5 + 11 + sps.length + pps.length;
        ensure(n);
        int o = 0;
        out[o++] = 0x17;
        out[o++] = 0;
        out[o++] = 0;
        out[o++] = 0;
        out[o++] = 0;
        out[o++] = 1;
        out[o++] = sps[1];
        out[o++] = sps[2];
        out[o++] = sps[3];
        out[o++] = (byte) 0xFF; // 4-byte NAL lengths
        out[o++] = (byte) 0xE1; // one SPS
        out[o++] = (byte) (sps.length >> 8);
        out[o++] = (byte) sps.length;
        System.arraycopy(sps, 0, out, o, sps.length);
        o += sps.length;
        out[o++] = 1; // one PPS
        out[o++] = (byte) (pps.length >> 8);
        out[o++] = (byte) pps.length;
        System.arraycopy(pps, 0, out, o, pps.length);
        o += pps.length;
        sink.tag(RtmpMessage.VIDEO, Math.max(0, (dts - base) / 90), out, 0, o);
        videoConfigSent = true;
    }

    /** A copy of the parameter set when it differs from {@code old} (the next keyframe then re-sends the header). */
    private byte[] changed(byte[] old, byte[] b, int from, int to) {
        if (old != null && Arrays.equals(old, 0, old.length, b, from, to)) {
            return old;
        }
        videoConfigSent = false;
        return Arrays.copyOfRange(b, from, to);
    }

    private void audio(byte[] b, int len, long pts) throws IOException {
        if (base < 0) {
            if (videoPid >= 0) {
                return; // audio starts with the first video keyframe
            }
            base = pts;
        }
        int frame = 0;
        for (int off = 0; off + AdtsHeader.LENGTH <= len; frame++) {
            AdtsHeader h = AdtsHeader.parse(b, off, len - off);
            if (h == null || h.frameLength() > len - off) {
                droppedFrames++;
                return;
            }
            int header = (b[off + 1] & 0x01) == 0 ? 9 : 7; // with or without CRC
            int rateIndex = (b[off + 2] >> 2) & 0x0F;
            int channelConfig = ((b[off + 2] & 0x01) << 2) | ((b[off + 3] & 0xFF) >> 6);
            byte asc0 = (byte) ((h.audioObjectType() << 3) | (rateIndex >> 1));
            byte asc1 = (byte) (((rateIndex & 1) << 7) | (channelConfig << 3));
            long ms = (pts + frame * 1024L * 90000 / h.sampleRate() - base) / 90;
            if (!audioConfigSent || asc[0] != asc0 || asc[1] != asc1) {
                asc[0] = asc0;
                asc[1] = asc1;
                out[0] = (byte) 0xAF;
                out[1] = 0;
                out[2] = asc0;
                out[3] = asc1;
                sink.tag(RtmpMessage.AUDIO, Math.max(0, ms), out, 0, 4);
                audioConfigSent = true;
            }
            int raw = h.frameLength() - header;
            if (ms >= 0 && raw > 0) {
                ensure(2 + raw);
                out[0] = (byte) 0xAF;
                out[1] = 1;
                System.arraycopy(b, off + header, out, 2, raw);
                sink.tag(RtmpMessage.AUDIO, ms, out, 0, 2 + raw);
            }
            off += h.frameLength();
        }
    }

    /** The 33-bit PES timestamp at {@code a[p]}, as the PES header encodes it. */
    private static long timestamp(byte[] a, int p) {
        return ((long) (a[p] & 0x0E) << 29) | ((a[p + 1] & 0xFF) << 22) | ((a[p + 2] & 0xFE) << 14)
                | ((a[p + 3] & 0xFF) << 7) | ((a[p + 4] & 0xFF) >> 1);
    }

    /** Continues the 90 kHz clock across the 33-bit wrap. */
    private long unwrap(long raw) {
        if (lastRaw >= 0 && raw < lastRaw && lastRaw - raw > WRAP / 2) {
            wrapOffset += WRAP;
        } else if (lastRaw >= 0 && raw > lastRaw && raw - lastRaw > WRAP / 2 && wrapOffset > 0) {
            return raw + wrapOffset - WRAP; // a late unit from before the wrap
        }
        lastRaw = raw;
        return raw + wrapOffset;
    }

    /** Index of the first NAL byte after the next start code at or after {@code from}, or -1. */
    static int nextNal(byte[] b, int from, int len) {
        for (int i = from; i + 2 < len; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                return i + 3;
            }
        }
        return -1;
    }

    /** Where the start code ending just before {@code nal} begins (three or four bytes). */
    private static int startCodeBegin(byte[] b, int nal) {
        int s = nal - 3;
        return s > 0 && b[s - 1] == 0 ? s - 1 : s;
    }

    private void ensure(int n) {
        if (n > out.length) {
            out = new byte[Math.max(n, out.length * 2)];
        }
    }
}
