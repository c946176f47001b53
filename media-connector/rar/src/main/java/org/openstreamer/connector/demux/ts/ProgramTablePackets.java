package org.openstreamer.connector.demux.ts;

/**
 * Copies of the latest PAT and PMT packets, for {@link TsDemuxListener#onProgramTables}. Only a
 * packet that starts its section and holds all of it is kept: a table spread over packets cannot
 * be prefixed to a segment on its own.
 */
final class ProgramTablePackets {

    private static final int SIZE = TsPacket.SIZE;

    private final byte[] tables = new byte[2 * SIZE];
    private boolean havePat;
    private boolean havePmt;

    /** The PAT names another PMT PID: the PMT held is no longer the program's. */
    void pmtMoved() {
        havePmt = false;
    }

    /** Keeps the PAT packet at {@code a[p]}; true when both tables are now held. */
    boolean pat(byte[] a, int p, int payloadOffset) {
        if (wholeSection(a, p, payloadOffset)) {
            System.arraycopy(a, p, tables, 0, SIZE);
            havePat = true;
        }
        return havePat && havePmt;
    }

    /** Keeps the PMT packet at {@code a[p]}; true when both tables are now held. */
    boolean pmt(byte[] a, int p, int payloadOffset) {
        if (wholeSection(a, p, payloadOffset)) {
            System.arraycopy(a, p, tables, SIZE, SIZE);
            havePmt = true;
        }
        return havePat && havePmt;
    }

    /** PAT then PMT; reused. */
    byte[] bytes() {
        return tables;
    }

    /** A section starts in this packet (after its pointer_field) and ends in it too. */
    private static boolean wholeSection(byte[] a, int p, int payloadOffset) {
        if (!TsPacket.payloadUnitStart(a, p) || payloadOffset >= SIZE) {
            return false;
        }
        int section = p + payloadOffset + 1 + (a[p + payloadOffset] & 0xFF);
        if (section + 3 > p + SIZE) {
            return false;
        }
        int length = ((a[section + 1] & 0x0F) << 8) | (a[section + 2] & 0xFF);
        return section + 3 + length <= p + SIZE;
    }
}
