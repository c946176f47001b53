package org.openstreamer.connector.demux.ts;

/**
 * Field accessors for one 188-byte transport stream packet header (ISO/IEC 13818-1 2.4.3.2) read
 * in place from a byte array, so the per-packet path allocates nothing.
 */
final class TsPacket {

    static final int SIZE = 188;
    static final byte SYNC = 0x47;
    static final int PAT_PID = 0;
    static final int NULL_PID = 0x1FFF;
    static final int PID_COUNT = 8192;
    /** payload_offset's answer for a packet whose adaptation_field_length overruns the packet. */
    static final int MALFORMED = -1;

    private TsPacket() {
    }

    static boolean transportError(byte[] a, int p) {
        return (a[p + 1] & 0x80) != 0;
    }

    static boolean payloadUnitStart(byte[] a, int p) {
        return (a[p + 1] & 0x40) != 0;
    }

    static int pid(byte[] a, int p) {
        return ((a[p + 1] & 0x1F) << 8) | (a[p + 2] & 0xFF);
    }

    static boolean hasAdaptationField(byte[] a, int p) {
        return (a[p + 3] & 0x20) != 0;
    }

    static boolean hasPayload(byte[] a, int p) {
        return (a[p + 3] & 0x10) != 0;
    }

    static int continuityCounter(byte[] a, int p) {
        return a[p + 3] & 0x0F;
    }

    /** discontinuity_indicator of the adaptation field; false without one. */
    static boolean discontinuity(byte[] a, int p) {
        return hasAdaptationField(a, p) && (a[p + 4] & 0xFF) > 0 && (a[p + 5] & 0x80) != 0;
    }

    /**
     * Offset of the first payload byte relative to the packet start (4 .. 188), or
     * {@link #MALFORMED} when the adaptation field claims more bytes than the packet holds.
     */
    static int payloadOffset(byte[] a, int p) {
        if (!hasAdaptationField(a, p)) {
            return 4;
        }
        int afLength = a[p + 4] & 0xFF;
        int limit = hasPayload(a, p) ? 182 : 183;
        return afLength > limit ? MALFORMED : 5 + afLength;
    }
}
