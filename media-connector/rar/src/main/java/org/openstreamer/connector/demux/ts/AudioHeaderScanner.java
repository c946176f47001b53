package org.openstreamer.connector.demux.ts;

import org.openstreamer.connector.demux.aac.AdtsHeader;
import org.openstreamer.connector.demux.ac3.Ac3Header;
import org.openstreamer.connector.demux.mpa.MpegAudioHeader;

/**
 * Finds the first audio frame header of each PES (ADTS, MPEG audio or AC-3), across packet
 * boundaries, and keeps the sample rate and channel count it announces. The search gives up after
 * {@link #MAX_SEARCH} bytes of a PES. The header is parsed into its record only when its
 * parameter bits differ from the previous one, so a steady stream allocates nothing here.
 * <p>
 * States: SYNC (looking for the first sync byte), SYNC2 (checking the second), FILL (copying the
 * rest of the header), DONE (until the next PES).
 */
final class AudioHeaderScanner {

    static final int MAX_SEARCH = 4096;

    private enum State { SYNC, SYNC2, FILL, DONE }

    private final TsCodec codec;
    private final int headerLength;
    private final byte[] header = new byte[8];
    private State state = State.SYNC;
    private int length;
    private int searched;
    private long lastKey = -1;
    private int sampleRate;
    private int channels;
    private String codecs;

    AudioHeaderScanner(TsCodec codec) {
        this.codec = codec;
        this.headerLength = switch (codec) {
            case AAC -> AdtsHeader.LENGTH;
            case MP3 -> MpegAudioHeader.LENGTH;
            default -> Ac3Header.LENGTH;
        };
    }

    int sampleRate() {
        return sampleRate;
    }

    /** The RFC 6381 codec string ({@code mp4a.40.2} for AAC LC, ...), or null before a header was read. */
    String codecs() {
        return codecs;
    }

    int channels() {
        return channels;
    }

    void reset() {
        state = State.SYNC;
        length = 0;
        searched = 0;
    }

    /**
     * Scans {@code a[from .. to)}.
     *
     * @return true when a header was completed whose sample rate or channels differ from before
     */
    boolean scan(byte[] a, int from, int to) {
        for (int i = from; i < to && state != State.DONE; i++) {
            int b = a[i] & 0xFF;
            if (state == State.SYNC2) {
                if (isSync(header[0], b)) {
                    header[length++] = (byte) b;
                    state = State.FILL;
                    continue;
                }
                state = State.SYNC;
                length = 0;
            }
            if (state == State.SYNC) {
                if (b == (codec == TsCodec.AC3 ? 0x0B : 0xFF)) {
                    header[0] = (byte) b;
                    length = 1;
                    state = State.SYNC2;
                } else if (++searched > MAX_SEARCH) {
                    state = State.DONE;
                }
            } else if (state == State.FILL) {
                header[length++] = (byte) b;
                if (length == headerLength) {
                    state = State.DONE;
                    return evaluate();
                }
            }
        }
        return false;
    }

    private boolean isSync(int b0, int b1) {
        return switch (codec) {
            case AAC -> AdtsHeader.isSync(b0, b1);
            case MP3 -> MpegAudioHeader.isSync(b0, b1);
            default -> Ac3Header.isSync(b0, b1);
        };
    }

    private boolean evaluate() {
        long key = parameterBits();
        if (key == lastKey) {
            return false;
        }
        int rate;
        int ch;
        String tag;
        switch (codec) {
            case AAC -> {
                AdtsHeader h = AdtsHeader.parse(header, 0, length);
                rate = h == null ? 0 : h.sampleRate();
                ch = h == null ? 0 : h.channels();
                tag = h == null ? null : "mp4a.40." + h.audioObjectType();
            }
            case MP3 -> {
                MpegAudioHeader h = MpegAudioHeader.parse(header, 0, length);
                rate = h == null ? 0 : h.sampleRate();
                ch = h == null ? 0 : h.channels();
                tag = "mp4a.40.34"; // MPEG-1/2 audio layer 3, as HLS players name it
            }
            default -> {
                Ac3Header h = Ac3Header.parse(header, 0, length);
                rate = h == null ? 0 : h.sampleRate();
                ch = h == null ? 0 : h.channels();
                tag = "ac-3";
            }
        }
        if (rate == 0) {
            return false; // a false sync or a damaged header: keep what was known
        }
        lastKey = key;
        boolean changed = rate != sampleRate || ch != channels || !tag.equals(codecs);
        sampleRate = rate;
        channels = ch;
        codecs = tag;
        return changed;
    }

    /** The header bits that carry format parameters, with lengths and bitrates masked out. */
    private long parameterBits() {
        long h = 0;
        for (int i = 0; i < length; i++) {
            h = (h << 8) | (header[i] & 0xFF);
        }
        return switch (codec) {
            case AAC -> (h >>> 24) & 0xFFFFFFFCL;             // bytes 0-3 without frame_length
            case MP3 -> h & 0xFFFF0CC0L;                      // sync, version, layer, rate, mode
            default -> h & 0xC0FFFFFFL;                     // fscod and the BSI start, not crc1/frmsizecod
        };
    }
}
