package org.openstreamer.connector.buffer;

/**
 * Keeps copies of the latest PAT and PMT packets seen in a stream, to start each segment and each
 * new viewer with them. Only single-packet tables are kept (the usual case); a PMT that spans
 * packets is simply not prefixed, and the stream's own repetitions still reach the player.
 */
final class ProgramTables {

    private static final int PAT_PID = 0;
    private static final byte[] NONE = new byte[0];

    private final byte[] pat = new byte[PacketStore.PACKET_SIZE];
    private final byte[] pmt = new byte[PacketStore.PACKET_SIZE];
    private boolean havePat;
    private boolean havePmt;
    private int pmtPid = -1;
    private volatile byte[] combined = NONE;

    /** Looks at every packet; cheap for all but PAT/PMT packets. */
    void inspect(byte[] buf, int off) {
        int pid = ((buf[off + 1] & 0x1F) << 8) | (buf[off + 2] & 0xFF);
        boolean unitStart = (buf[off + 1] & 0x40) != 0;
        if (!unitStart || (pid != PAT_PID && pid != pmtPid)) {
            return;
        }
        if (pid == PAT_PID) {
            int found = pmtPidOf(buf, off);
            if (found < 0) {
                return;
            }
            if (found != pmtPid) {
                pmtPid = found;
                havePmt = false;
            }
            System.arraycopy(buf, off, pat, 0, PacketStore.PACKET_SIZE);
            havePat = true;
        } else {
            System.arraycopy(buf, off, pmt, 0, PacketStore.PACKET_SIZE);
            havePmt = true;
        }
        if (havePat && havePmt && !matches(combined)) {
            byte[] both = new byte[2 * PacketStore.PACKET_SIZE];
            System.arraycopy(pat, 0, both, 0, PacketStore.PACKET_SIZE);
            System.arraycopy(pmt, 0, both, PacketStore.PACKET_SIZE, PacketStore.PACKET_SIZE);
            combined = both;
        }
    }

    /** PAT then PMT, 376 bytes, or empty before both were seen. Never modified once returned. */
    byte[] bytes() {
        return combined;
    }

    /**
     * A new copy of the PAT and PMT packets last seen, continuity counters included, so that the
     * stream's next table packets continue them; empty before both were seen. For a segment's
     * start, on the ingest thread.
     */
    byte[] snapshot() {
        if (!havePat || !havePmt) {
            return NONE;
        }
        byte[] both = new byte[2 * PacketStore.PACKET_SIZE];
        System.arraycopy(pat, 0, both, 0, PacketStore.PACKET_SIZE);
        System.arraycopy(pmt, 0, both, PacketStore.PACKET_SIZE, PacketStore.PACKET_SIZE);
        return both;
    }

    private boolean matches(byte[] current) {
        if (current.length != 2 * PacketStore.PACKET_SIZE) {
            return false;
        }
        // Ignore byte 3 (continuity counter): only a content change needs a new copy.
        for (int i = 4; i < PacketStore.PACKET_SIZE; i++) {
            if (current[i] != pat[i] || current[PacketStore.PACKET_SIZE + i] != pmt[i]) {
                return false;
            }
        }
        return true;
    }

    /** The PMT PID of the first program in a PAT packet, or -1 if the packet does not say. */
    static int pmtPidOf(byte[] buf, int off) {
        int afc = (buf[off + 3] >> 4) & 0x3;
        int p = off + 4;
        if (afc == 2 || afc == 0) {
            return -1;
        }
        if (afc == 3) {
            p += 1 + (buf[p] & 0xFF);
        }
        if (p >= off + PacketStore.PACKET_SIZE) {
            return -1;
        }
        p += 1 + (buf[p] & 0xFF); // pointer_field
        int end = off + PacketStore.PACKET_SIZE;
        if (p + 8 > end || buf[p] != 0x00) {
            return -1;
        }
        int sectionLength = ((buf[p + 1] & 0x0F) << 8) | (buf[p + 2] & 0xFF);
        int loopEnd = Math.min(p + 3 + sectionLength - 4, end); // before the CRC
        for (int q = p + 8; q + 4 <= loopEnd; q += 4) {
            int program = ((buf[q] & 0xFF) << 8) | (buf[q + 1] & 0xFF);
            if (program != 0) {
                return ((buf[q + 2] & 0x1F) << 8) | (buf[q + 3] & 0xFF);
            }
        }
        return -1;
    }
}
