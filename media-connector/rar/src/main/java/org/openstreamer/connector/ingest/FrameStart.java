package org.openstreamer.connector.ingest;

/**
 * Whether MPEG-TS bytes, in any cut, start an audio or video frame: a packet that begins a PES of
 * an MPEG audio or video stream ({@code 0xC0..0xEF}), private stream 1 (AC-3 and the like) or an
 * extended stream ({@code 0xFD}). Used on a publisher standing by, whose bytes are not demuxed,
 * so that tables and null packets alone do not take the stream back from the backup.
 */
final class FrameStart {

    private static final int TS = 188;

    private FrameStart() {
    }

    static boolean in(byte[] buf, int off, int len) {
        int end = off + len;
        for (int at = off; at + 4 <= end; at++) {
            if (buf[at] != 0x47 || (at + TS < end && buf[at + TS] != 0x47)) {
                continue; // not a packet start (or a stray 0x47 inside one)
            }
            if (startsFrame(buf, at, end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsFrame(byte[] b, int at, int end) {
        if ((b[at + 1] & 0x40) == 0 || (b[at + 1] & 0x80) != 0) {
            return false; // no payload unit start, or a transport error
        }
        int control = (b[at + 3] >> 4) & 0x3;
        int p = at + 4;
        if (control == 2 || control == 0) {
            return false; // no payload
        }
        if (control == 3) {
            p += 1 + (b[at + 4] & 0xff);
        }
        if (p + 4 > Math.min(end, at + TS)) {
            return false;
        }
        if (b[p] != 0 || b[p + 1] != 0 || b[p + 2] != 1) {
            return false;
        }
        int id = b[p + 3] & 0xff;
        return id == 0xBD || id == 0xFD || (id >= 0xC0 && id <= 0xEF);
    }
}
