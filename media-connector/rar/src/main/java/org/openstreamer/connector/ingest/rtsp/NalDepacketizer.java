package org.openstreamer.connector.ingest.rtsp;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * What H.264 (RFC 6184) and H.265 (RFC 7798) payloads share: NAL units gathered into one Annex B
 * access unit per RTP timestamp, ended by the marker bit or by the next timestamp; fragmentation
 * units reassembled; the parameter sets of the session description put before a keyframe that
 * lacks its own.
 *
 * <p>Damage keeps it simple: a unit that lost a packet, or held a malformed or unsupported payload,
 * is dropped whole, and so is everything after it until the next keyframe (the pictures between
 * would refer to the lost one). The buffer is reused; nothing is allocated per packet.
 */
abstract class NalDepacketizer implements RtpDepacketizer {

    /** Larger units are taken as damage (no camera sends a picture this size). */
    static final int MAX_UNIT = 8 << 20;
    private static final byte[] START = {0, 0, 0, 1};

    private final Sink sink;
    /** The session description's parameter sets in Annex B, or empty. */
    private final byte[] parameterSets;
    /** The unit in {@code unit[reserve .. end)}; the parameter sets are copied in before it when due. */
    private byte[] unit = new byte[64 * 1024];
    private final int reserve;
    private int end;
    private boolean open;
    private long timestamp;
    private boolean keyframe;
    private boolean hasParameterSets;
    private boolean hasPicture;
    private boolean damaged;
    /** In a fragmented NAL unit, from its start fragment to its end one. */
    private boolean inFragment;
    private boolean waitKeyframe = true;
    private long dropped;

    NalDepacketizer(Sink sink, byte[][] parameterSets) {
        this.sink = sink;
        ByteArrayOutputStream sets = new ByteArrayOutputStream();
        for (byte[] s : parameterSets) {
            sets.writeBytes(START);
            sets.writeBytes(s);
        }
        this.parameterSets = sets.toByteArray();
        this.reserve = this.parameterSets.length;
        this.end = reserve;
    }

    /** The NAL unit type from its header's first byte. */
    abstract int nalType(byte first);

    abstract boolean isKeyframe(int nalType);

    abstract boolean isParameterSet(int nalType);

    /** Whether the type is any parameter set (VPS, SPS, PPS). */
    abstract boolean isAnySet(int nalType);

    /** The access unit delimiter's NAL unit type: delimiters are left out, the muxer writes its own. */
    abstract int delimiterType();

    /** Whether the NAL unit type carries a picture's slice (not a parameter set, SEI or delimiter). */
    abstract boolean isPicture(int nalType);

    /** One payload, already known to belong to the open unit: its NAL units into the buffer, or {@link #damage}. */
    abstract void depacketize(byte[] buf, int off, int len);

    @Override
    public final void payload(byte[] buf, int off, int len, long ts, boolean marker, boolean lossBefore) {
        if (open && ts != timestamp) {
            finish();
        }
        if (!open) {
            open = true;
            timestamp = ts;
        }
        if (lossBefore) {
            damaged = true; // the lost packets belonged to this unit or ended the last one: either way it is incomplete
        }
        if (len <= 0) {
            damage();
        } else if (!damaged) {
            depacketize(buf, off, len);
        }
        if (marker) {
            finish();
        }
    }

    /** A whole NAL unit. */
    final void nal(byte[] buf, int off, int len) {
        if (len <= 0) {
            damage();
            return;
        }
        if (inFragment) { // a new NAL unit while a fragmented one is unfinished
            damage();
            return;
        }
        int type = nalType(buf[off]);
        if (type == delimiterType() || hasPicture && isAnySet(type)) {
            // a delimiter, or parameter sets repeated between the slices of a picture (GStreamer's
            // payloader does), would split the unit in two for the demuxer
            return;
        }
        startNal();
        append(buf, off, len);
    }

    /** The first fragment of a NAL unit, before its rebuilt header. */
    /**
     * The NAL units of an aggregation packet (H.264 STAP-A, H.265 AP) in {@code buf[p .. end)},
     * each after its 16-bit size, which must be at least {@code minSize}.
     */
    final void aggregated(byte[] buf, int p, int end, int minSize) {
        while (p < end) {
            if (end - p < 2) {
                damage();
                return;
            }
            int size = (buf[p] & 0xFF) << 8 | (buf[p + 1] & 0xFF);
            p += 2;
            if (size < minSize || size > end - p) {
                damage();
                return;
            }
            nal(buf, p, size);
            p += size;
        }
    }

    /**
     * A fragmentation unit (H.264 FU-A, H.265 FU): its payload {@code buf[off .. off+len)}; the first
     * fragment of a NAL unit starts it with the NAL header rebuilt in {@code header}.
     */
    final void fragmentUnit(byte[] header, boolean start, boolean last, byte[] buf, int off, int len) {
        if (start) {
            fragmentStart();
            append(header, 0, header.length);
        }
        fragment(buf, off, len, last);
    }

    private void fragmentStart() {
        if (inFragment) {
            damage();
            return;
        }
        inFragment = true;
        startNal();
    }

    private void fragment(byte[] buf, int off, int len, boolean last) {
        if (!inFragment) { // the start fragment was lost or never sent
            damage();
            return;
        }
        append(buf, off, len);
        if (last) {
            inFragment = false;
        }
    }

    final boolean damaged() {
        return damaged;
    }

    /** The open unit is broken: it is dropped when it ends. */
    final void damage() {
        damaged = true;
    }

    private void startNal() {
        if (damaged) {
            return;
        }
        ensure(START.length);
        System.arraycopy(START, 0, unit, end, START.length);
        end += START.length;
        nalHeaderPending = true;
    }

    private boolean nalHeaderPending;

    final void append(byte[] buf, int off, int len) {
        if (damaged) {
            return;
        }
        if (nalHeaderPending && len > 0) {
            nalHeaderPending = false;
            int type = nalType(buf[off]);
            keyframe |= isKeyframe(type);
            hasParameterSets |= isParameterSet(type);
            hasPicture |= isPicture(type);
        }
        if (end - reserve + len > MAX_UNIT) {
            damage();
            return;
        }
        ensure(len);
        System.arraycopy(buf, off, unit, end, len);
        end += len;
    }

    private void ensure(int more) {
        if (end + more > unit.length) {
            unit = Arrays.copyOf(unit, Math.max(unit.length * 2, end + more));
        }
    }

    /**
     * Ends the open unit: hands it on, or drops it. Parameter sets and SEI sent with a marker of
     * their own (some payloaders do) are no unit: they are kept for the picture that follows.
     */
    private void finish() {
        boolean whole = !damaged && !inFragment && end > reserve;
        if (whole && !hasPicture) {
            open = false;
            return;
        }
        if (!whole) {
            if (end > reserve || damaged) {
                dropped++;
            }
            waitKeyframe = true;
        } else if (waitKeyframe && !keyframe) {
            dropped++;
        } else {
            waitKeyframe = false;
            int from = reserve;
            if (keyframe && !hasParameterSets && reserve > 0) {
                System.arraycopy(parameterSets, 0, unit, 0, reserve);
                from = 0;
            }
            sink.unit(timestamp, keyframe, unit, from, end - from);
        }
        open = false;
        end = reserve;
        keyframe = false;
        hasParameterSets = false;
        hasPicture = false;
        damaged = false;
        inFragment = false;
        nalHeaderPending = false;
    }

    @Override
    public final long dropped() {
        return dropped;
    }
}
