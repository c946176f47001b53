package org.openstreamer.connector.demux.ts;

/** Reads a program_association_section (ISO/IEC 13818-1 2.4.4.3) in place. */
final class PatSection {

    static final int TABLE_ID = 0x00;

    private PatSection() {
    }

    /** current_next_indicator: the section applies now (not a table announced for later). */
    static boolean current(byte[] s) {
        return (s[5] & 1) != 0;
    }

    /**
     * The PMT PID of the first program (program_number other than 0, which names the network PID)
     * in an intact PAT section, or -1 when there is none.
     */
    static int firstProgramMapPid(byte[] s, int length) {
        for (int p = 8; p + 4 <= length - 4; p += 4) {
            int program = ((s[p] & 0xFF) << 8) | (s[p + 1] & 0xFF);
            if (program != 0) {
                return ((s[p + 2] & 0x1F) << 8) | (s[p + 3] & 0xFF);
            }
        }
        return -1;
    }

    /** The program_number belonging to {@link #firstProgramMapPid}, or -1. */
    static int firstProgramNumber(byte[] s, int length) {
        for (int p = 8; p + 4 <= length - 4; p += 4) {
            int program = ((s[p] & 0xFF) << 8) | (s[p + 1] & 0xFF);
            if (program != 0) {
                return program;
            }
        }
        return -1;
    }
}
