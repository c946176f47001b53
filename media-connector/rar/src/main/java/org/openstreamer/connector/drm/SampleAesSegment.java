package org.openstreamer.connector.drm;

import org.openstreamer.connector.demux.ts.Crc32Mpeg2;
import org.openstreamer.connector.demux.ts.TsPackets;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One MPEG-TS segment in SAMPLE-AES form (Apple's "MPEG-2 Stream Encryption Format for HTTP Live
 * Streaming"), done once per segment: the H.264 (stream type 0x1B) and ADTS AAC (0x0F) PES
 * packets are reassembled, their samples encrypted by {@link SampleCipher} and packetized again;
 * the PMT announces them as 0xDB and 0xCF with a private data indicator descriptor ({@code zavc},
 * {@code aacd}) and, for AAC, the audio setup information in an {@code apad} registration
 * descriptor. Other packets pass unchanged.
 *
 * <p>An audio PES with several ADTS frames is split into one PES per frame (each with its own
 * PTS), so that players that restart the CBC chain per PES and those that restart it per frame
 * (as the format says) read the same bytes. Packets of an encrypted PID get continuity counters
 * numbered again from the segment's first one, whose packet carries the discontinuity indicator
 * (a slice may grow by escape bytes, so the packet count can change).
 */
final class SampleAesSegment {

    static final int PACKET = 188;
    static final int TYPE_H264 = 0x1B;
    static final int TYPE_AAC = 0x0F;
    static final int TYPE_H264_ENCRYPTED = 0xDB;
    static final int TYPE_AAC_ENCRYPTED = 0xCF;

    private static final int[] ADTS_RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050,
        16000, 12000, 11025, 8000, 7350, 0, 0, 0};

    /** One encrypted PID's state: the PES being gathered and the next continuity counter. */
    private static final class Track {
        final boolean video;
        final ByteSink pes = new ByteSink(64 * 1024);
        byte[] adaptation; // the PES's first packet's adaptation field (PCR, random access), or null
        boolean gathering;
        int counter = -1;
        boolean first = true;
        boolean headless; // gathering the end of a PES whose header was in the previous segment
        byte[] audioConfig; // AudioSpecificConfig from the first ADTS header

        Track(boolean video) {
            this.video = video;
        }
    }

    private final SampleCipher cipher;
    private final Map<Integer, Track> tracks = new HashMap<>();
    private final Map<Integer, Boolean> pmtPids = new HashMap<>();
    private final ByteSink out;
    private final ByteSink scratch = new ByteSink(64 * 1024);

    private SampleAesSegment(byte[] key, byte[] iv, int size) {
        this.cipher = new SampleCipher(key, iv);
        this.out = new ByteSink(size + size / 16 + 4 * PACKET);
    }

    /** {@code ts} (whole packets) in SAMPLE-AES form, as a new heap buffer ready to read. */
    static ByteBuffer encrypt(byte[] key, byte[] iv, byte[] ts, int length) {
        SampleAesSegment s = new SampleAesSegment(key, iv, length);
        s.scan(ts, length);
        s.rewrite(ts, length);
        return ByteBuffer.wrap(s.out.array(), 0, s.out.size()).slice();
    }

    /** First pass: the PMT PIDs, the encrypted PIDs and each AAC track's configuration. */
    private void scan(byte[] ts, int length) {
        for (int at = 0; at + PACKET <= length; at += PACKET) {
            if (ts[at] != 0x47) {
                continue;
            }
            int pid = TsPackets.pid(ts, at);
            boolean start = (ts[at + 1] & 0x40) != 0;
            int payload = TsPackets.payloadStart(ts, at);
            if (payload < 0 || !start) {
                continue;
            }
            if (pid == 0) {
                readPat(ts, payload, at + PACKET);
            } else if (pmtPids.containsKey(pid)) {
                readPmt(ts, payload, at + PACKET);
            } else if (tracks.containsKey(pid) && !tracks.get(pid).video && tracks.get(pid).audioConfig == null) {
                tracks.get(pid).audioConfig = audioConfig(ts, payload, at + PACKET);
            }
        }
    }

    private void readPat(byte[] ts, int payload, int end) {
        int s = payload + 1 + (ts[payload] & 0xFF);
        if (s + 8 > end || ts[s] != 0) {
            return;
        }
        int sectionEnd = Math.min(end - 4, s + 3 + (((ts[s + 1] & 0x0F) << 8) | (ts[s + 2] & 0xFF)) - 4);
        for (int p = s + 8; p + 4 <= sectionEnd; p += 4) {
            int program = ((ts[p] & 0xFF) << 8) | (ts[p + 1] & 0xFF);
            if (program != 0) {
                pmtPids.put(((ts[p + 2] & 0x1F) << 8) | (ts[p + 3] & 0xFF), Boolean.TRUE);
            }
        }
    }

    private void readPmt(byte[] ts, int payload, int end) {
        int s = payload + 1 + (ts[payload] & 0xFF);
        if (s + 12 > end || ts[s] != 2) {
            return;
        }
        int sectionEnd = s + 3 + (((ts[s + 1] & 0x0F) << 8) | (ts[s + 2] & 0xFF)) - 4;
        if (sectionEnd > end - 4) {
            return; // a PMT longer than one packet: not rewritten (see rewritePmt)
        }
        int p = s + 12 + (((ts[s + 10] & 0x0F) << 8) | (ts[s + 11] & 0xFF));
        while (p + 5 <= sectionEnd) {
            int type = ts[p] & 0xFF;
            int pid = ((ts[p + 1] & 0x1F) << 8) | (ts[p + 2] & 0xFF);
            if ((type == TYPE_H264 || type == TYPE_AAC) && !tracks.containsKey(pid)) {
                tracks.put(pid, new Track(type == TYPE_H264));
            }
            p += 5 + (((ts[p + 3] & 0x0F) << 8) | (ts[p + 4] & 0xFF));
        }
    }

    /** The 2-byte AudioSpecificConfig of the ADTS header that starts a PES's payload, or null. */
    private static byte[] audioConfig(byte[] ts, int payload, int end) {
        if (payload + 9 > end || ts[payload] != 0 || ts[payload + 1] != 0 || ts[payload + 2] != 1) {
            return null;
        }
        int h = payload + 9 + (ts[payload + 8] & 0xFF);
        if (h + 4 > end || (ts[h] & 0xFF) != 0xFF || (ts[h + 1] & 0xF0) != 0xF0) {
            return null;
        }
        int objectType = ((ts[h + 2] >> 6) & 0x03) + 1;
        int rateIndex = (ts[h + 2] >> 2) & 0x0F;
        int channels = ((ts[h + 2] & 0x01) << 2) | ((ts[h + 3] >> 6) & 0x03);
        int asc = (objectType << 11) | (rateIndex << 7) | (channels << 3);
        return new byte[] {(byte) (asc >> 8), (byte) asc};
    }

    /** Second pass: every packet to {@link #out}, the encrypted PIDs' PES packets rebuilt. */
    private void rewrite(byte[] ts, int length) {
        for (int at = 0; at + PACKET <= length; at += PACKET) {
            if (ts[at] != 0x47) {
                continue; // lost sync: left out rather than passed on unread
            }
            int pid = TsPackets.pid(ts, at);
            Track t = tracks.get(pid);
            if (t == null) {
                if (pmtPids.containsKey(pid) && (ts[at + 1] & 0x40) != 0) {
                    rewritePmt(ts, at);
                } else {
                    out.write(ts, at, PACKET);
                }
                continue;
            }
            int payload = TsPackets.payloadStart(ts, at);
            if (payload < 0) {
                continue; // adaptation only (stuffing): the PES is packetized again anyway
            }
            if ((ts[at + 1] & 0x40) != 0) {
                flush(pid, t);
                t.gathering = true;
                t.adaptation = TsPackets.adaptationField(ts, at);
                if (t.counter < 0) {
                    t.counter = ts[at + 3] & 0x0F;
                }
            }
            if (!t.gathering && !t.video && t.counter < 0) {
                // the end of an audio PES that began in the previous segment (the cut is at a video
                // keyframe): its whole frames are found by their ADTS headers (see headless)
                t.gathering = true;
                t.headless = true;
                t.adaptation = null;
                t.counter = ts[at + 3] & 0x0F;
            }
            if (t.gathering) {
                t.pes.write(ts, payload, at + PACKET - payload);
            }
        }
        for (Map.Entry<Integer, Track> e : tracks.entrySet()) {
            flush(e.getKey(), e.getValue());
        }
    }

    /** The gathered PES of {@code t}, encrypted and packetized. */
    private void flush(int pid, Track t) {
        if (!t.gathering) {
            return;
        }
        t.gathering = false;
        byte[] pes = t.pes.array();
        int n = t.pes.size();
        t.pes.reset();
        if (t.headless) {
            t.headless = false;
            headless(pid, t, pes, n);
            return;
        }
        if (n < 9 || pes[0] != 0 || pes[1] != 0 || pes[2] != 1) {
            return; // not a PES: nothing of it is passed on in the clear
        }
        int header = 9 + (pes[8] & 0xFF);
        if (header > n) {
            return;
        }
        if (t.video) {
            video(pid, t, pes, header, n);
        } else {
            audio(pid, t, pes, header, n);
        }
    }

    private void video(int pid, Track t, byte[] pes, int header, int n) {
        scratch.reset();
        scratch.write(pes, 0, header);
        int p = header;
        int code = nextStartCode(pes, p, n);
        if (code < 0) {
            return; // no start code: not Annex B, left out
        }
        scratch.write(pes, p, code - p); // bytes before the first start code
        p = code;
        while (p < n) {
            int codeLength = pes[p + 2] == 1 ? 3 : 4;
            int nal = p + codeLength;
            int next = nextStartCode(pes, nal, n);
            int end = next < 0 ? n : next;
            scratch.write(pes, p, codeLength);
            cipher.nal(pes, nal, end - nal, scratch);
            p = end;
        }
        // The length is set whenever it fits: a player's demuxer then hands the PES on as soon as it
        // is whole, while it still reads this segment (and decrypts it with this segment's IV),
        // instead of when the next segment's first PES starts.
        byte[] s = scratch.array();
        int payloadLength = scratch.size() - 6;
        int l = payloadLength > 0xFFFF ? 0 : payloadLength;
        s[4] = (byte) (l >> 8);
        s[5] = (byte) l;
        packetize(pid, t, t.adaptation, s, scratch.size());
    }

    /**
     * The position of the next start code ({@code 00 00 01}, or {@code 00 00 00 01} counting one
     * zero before it) at or after {@code from}, or -1.
     */
    static int nextStartCode(byte[] a, int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if (a[i + 2] == 1 && a[i] == 0 && a[i + 1] == 0) {
                return i > from && a[i - 1] == 0 ? i - 1 : i;
            }
            if (a[i + 2] > 1) {
                i += 2;
            }
        }
        return -1;
    }

    private void audio(int pid, Track t, byte[] pes, int header, int n) {
        boolean pts = (pes[7] & 0x80) != 0 && header >= 14;
        boolean dts = (pes[7] & 0x40) != 0 && header >= 19;
        if (!pts) {
            // without a PTS the frames cannot have PES packets of their own: encrypted where they are
            int p = header;
            for (int frame; (frame = adtsLength(pes, p, n)) > 0; p += frame) {
                cipher.adts(pes, p, frame, headerLength(pes, p));
            }
            packetize(pid, t, t.adaptation, pes, p);
            return;
        }
        long firstPts = timestamp(pes, 9);
        long firstDts = dts ? timestamp(pes, 14) : 0;
        byte[] adaptation = t.adaptation;
        long samples = 0;
        // one PES per frame; what is not a whole ADTS frame is left out rather than sent clear
        for (int p = header, frame; (frame = adtsLength(pes, p, n)) > 0; p += frame) {
            cipher.adts(pes, p, frame, headerLength(pes, p));
            scratch.reset();
            scratch.write(pes, 0, header);
            scratch.write(pes, p, frame);
            byte[] s = scratch.array();
            int rate = ADTS_RATES[(pes[p + 2] >> 2) & 0x0F];
            long ticks = rate == 0 ? 0 : samples * 90_000L / rate;
            putTimestamp(s, 9, firstPts + ticks, dts ? 0x30 : 0x20);
            if (dts) {
                putTimestamp(s, 14, firstDts + ticks, 0x10);
            }
            int l = scratch.size() - 6;
            s[4] = (byte) (l >> 8);
            s[5] = (byte) l;
            packetize(pid, t, adaptation, s, scratch.size());
            adaptation = null;
            samples += 1024 * ((pes[p + 6] & 0x03) + 1);
        }
    }

    /**
     * The end of an audio PES cut at the segment's start: from the first ADTS header whose frames
     * then end exactly where the data does, each frame encrypted in a PES of its own without a PTS
     * (players carry the time on from the frame before). The piece of a frame before it is left out.
     */
    private void headless(int pid, Track t, byte[] data, int n) {
        for (int q = 0; q + 7 <= n; q++) {
            if (!framesEndAt(data, q, n)) {
                continue;
            }
            for (int p = q, frame; (frame = adtsLength(data, p, n)) > 0; p += frame) {
                cipher.adts(data, p, frame, headerLength(data, p));
                scratch.reset();
                int l = 3 + frame;
                byte[] header = {0, 0, 1, (byte) 0xC0, (byte) (l >> 8), (byte) l, (byte) 0x80, 0, 0};
                scratch.write(header, 0, header.length);
                scratch.write(data, p, frame);
                packetize(pid, t, null, scratch.array(), scratch.size());
            }
            return;
        }
    }

    private static boolean framesEndAt(byte[] a, int p, int n) {
        while (p < n) {
            int frame = adtsLength(a, p, n);
            if (frame <= 0) {
                return false;
            }
            p += frame;
        }
        return p == n;
    }

    private static int headerLength(byte[] a, int p) {
        return (a[p + 1] & 0x01) != 0 ? 7 : 9;
    }

    /** The length of the whole ADTS frame at {@code p}, or -1 when there is none that ends by {@code n}. */
    static int adtsLength(byte[] a, int p, int n) {
        if (p + 7 > n || (a[p] & 0xFF) != 0xFF || (a[p + 1] & 0xF0) != 0xF0) {
            return -1;
        }
        int length = ((a[p + 3] & 0x03) << 11) | ((a[p + 4] & 0xFF) << 3) | ((a[p + 5] & 0xE0) >> 5);
        int header = (a[p + 1] & 0x01) != 0 ? 7 : 9;
        return length < header || p + length > n ? -1 : length;
    }

    private static long timestamp(byte[] a, int p) {
        return ((long) (a[p] & 0x0E) << 29) | ((a[p + 1] & 0xFF) << 22) | ((a[p + 2] & 0xFE) << 14)
                | ((a[p + 3] & 0xFF) << 7) | ((a[p + 4] & 0xFE) >> 1);
    }

    private static void putTimestamp(byte[] a, int p, long ts, int prefix) {
        ts &= 0x1_FFFF_FFFFL;
        a[p] = (byte) (prefix | ((ts >> 29) & 0x0E) | 1);
        a[p + 1] = (byte) (ts >> 22);
        a[p + 2] = (byte) (((ts >> 14) & 0xFE) | 1);
        a[p + 3] = (byte) (ts >> 7);
        a[p + 4] = (byte) (((ts << 1) & 0xFE) | 1);
    }

    /**
     * {@code pes[0, n)} as TS packets of {@code pid}: the first with the payload start flag and
     * {@code adaptation} (without its stuffing), the last filled up with adaptation stuffing.
     */
    private void packetize(int pid, Track t, byte[] adaptation, byte[] pes, int n) {
        int p = 0;
        boolean start = true;
        while (p < n) {
            byte[] af = start ? adaptation : null;
            boolean discontinuity = t.first;
            t.first = false;
            int afLength = af != null ? af.length : discontinuity ? 2 : 0; // length byte included
            int room = 184 - afLength;
            int take = Math.min(room, n - p);
            int stuffing = room - take;
            int at = out.size();
            out.write(0x47);
            out.write((start ? 0x40 : 0) | (pid >> 8) & 0x1F);
            out.write(pid);
            boolean hasAf = afLength > 0 || stuffing > 0;
            out.write((hasAf ? 0x30 : 0x10) | t.counter);
            t.counter = (t.counter + 1) & 0x0F;
            if (hasAf) {
                int total = afLength + stuffing; // bytes of the field, its length byte included
                out.write(total - 1);
                if (total > 1) {
                    int flags = af != null && af.length > 1 ? af[1] & 0xFF : 0;
                    out.write(flags | (discontinuity ? 0x80 : 0));
                    if (af != null && af.length > 2) {
                        out.write(af, 2, af.length - 2);
                    }
                    int written = out.size() - at - 4;
                    for (int i = written; i < total; i++) {
                        out.write(0xFF);
                    }
                }
            }
            out.write(pes, p, take);
            p += take;
            start = false;
        }
    }

    /** A PMT packet with the encrypted stream types and their descriptors; as it was when it does not fit. */
    private void rewritePmt(byte[] ts, int at) {
        int payload = TsPackets.payloadStart(ts, at);
        int s = payload < 0 ? -1 : payload + 1 + (ts[payload] & 0xFF);
        int end = at + PACKET;
        if (s < 0 || s + 12 > end || ts[s] != 2) {
            out.write(ts, at, PACKET);
            return;
        }
        int sectionEnd = s + 3 + (((ts[s + 1] & 0x0F) << 8) | (ts[s + 2] & 0xFF)) - 4;
        if (sectionEnd > end - 4) {
            out.write(ts, at, PACKET);
            return;
        }
        scratch.reset();
        int programInfo = ((ts[s + 10] & 0x0F) << 8) | (ts[s + 11] & 0xFF);
        scratch.write(ts, s, 12 + programInfo);
        int p = s + 12 + programInfo;
        while (p + 5 <= sectionEnd) {
            int type = ts[p] & 0xFF;
            int pid = ((ts[p + 1] & 0x1F) << 8) | (ts[p + 2] & 0xFF);
            int info = ((ts[p + 3] & 0x0F) << 8) | (ts[p + 4] & 0xFF);
            Track t = tracks.get(pid);
            byte[] extra = t == null ? new byte[0] : descriptors(t);
            scratch.write(t == null ? type : t.video ? TYPE_H264_ENCRYPTED : TYPE_AAC_ENCRYPTED);
            scratch.write(ts, p + 1, 2);
            int newInfo = info + extra.length;
            scratch.write(0xF0 | (newInfo >> 8));
            scratch.write(newInfo);
            scratch.write(ts, p + 5, Math.min(info, sectionEnd - p - 5));
            scratch.write(extra, 0, extra.length);
            p += 5 + info;
        }
        int sectionLength = scratch.size() + 4 - 3;
        byte[] sec = scratch.array();
        sec[1] = (byte) ((sec[1] & 0xF0) | (sectionLength >> 8));
        sec[2] = (byte) sectionLength;
        int crc = Crc32Mpeg2.compute(sec, 0, scratch.size());
        scratch.write(crc >>> 24);
        scratch.write(crc >>> 16);
        scratch.write(crc >>> 8);
        scratch.write(crc);
        byte[] af = TsPackets.adaptationField(ts, at); // without its stuffing: the section is followed by 0xFF instead
        int headerLength = 4 + (af == null ? 0 : af.length);
        if (headerLength + 1 + scratch.size() > PACKET) {
            out.write(ts, at, PACKET); // does not fit in one packet: left as it was
            return;
        }
        int start = out.size();
        out.write(ts, at, 3);
        out.write((ts[at + 3] & 0xCF) | (af == null ? 0x10 : 0x30));
        if (af != null) {
            out.write(af, 0, af.length);
        }
        out.write(0); // pointer field
        out.write(scratch.array(), 0, scratch.size());
        while (out.size() - start < PACKET) {
            out.write(0xFF);
        }
    }

    /** The descriptors the format adds for an encrypted track. */
    private static byte[] descriptors(Track t) {
        if (t.video) {
            return new byte[] {0x0F, 4, 'z', 'a', 'v', 'c'}; // private_data_indicator_descriptor
        }
        byte[] asc = t.audioConfig == null ? new byte[0] : t.audioConfig;
        byte[] d = new byte[6 + 2 + 12 + asc.length];
        int i = 0;
        d[i++] = 0x0F;
        d[i++] = 4;
        d[i++] = 'a';
        d[i++] = 'a';
        d[i++] = 'c';
        d[i++] = 'd';
        d[i++] = 0x05; // registration_descriptor carrying the audio setup information
        d[i++] = (byte) (12 + asc.length);
        for (char c : new char[] {'a', 'p', 'a', 'd', 'z', 'a', 'a', 'c'}) {
            d[i++] = (byte) c;
        }
        d[i++] = 0; // priming (2 bytes)
        d[i++] = 0;
        d[i++] = 1; // version
        d[i++] = (byte) asc.length;
        System.arraycopy(asc, 0, d, i, asc.length);
        return d;
    }
}
