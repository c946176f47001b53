package org.openstreamer.connector.buffer;

/**
 * The latest PAT and PMT packets of a stream, as the demuxer hands them over, to start each
 * segment and each new viewer with them. The demuxer passes on only tables that fit one packet
 * (the usual case); with a longer PMT nothing is prefixed, and the stream's own repetitions still
 * reach the player.
 */
final class ProgramTables {

    private static final int SIZE = PacketStore.PACKET_SIZE;
    private static final byte[] NONE = new byte[0];

    private final byte[] latest = new byte[2 * SIZE];
    private boolean seen;
    private volatile byte[] combined = NONE;

    /** The demuxer's PAT and PMT packets (376 bytes, not kept); on every repetition of either. */
    void update(byte[] patAndPmt) {
        System.arraycopy(patAndPmt, 0, latest, 0, 2 * SIZE);
        seen = true;
        if (!matches(combined)) {
            combined = latest.clone();
        }
    }

    /** PAT then PMT, 376 bytes, or empty before both were seen. Never modified once returned. */
    byte[] bytes() {
        return combined;
    }

    /**
     * A new copy of the PAT and PMT packets last seen, continuity counters included, so that the
     * stream's next table packets continue them; empty before both were seen. On the ingest thread.
     */
    byte[] snapshot() {
        return seen ? latest.clone() : NONE;
    }

    private boolean matches(byte[] current) {
        if (current.length != 2 * SIZE) {
            return false;
        }
        // Ignore byte 3 of each packet (continuity counter): only a content change needs a new copy.
        for (int i = 0; i < 2 * SIZE; i++) {
            if (current[i] != latest[i] && i % SIZE != 3) {
                return false;
            }
        }
        return true;
    }
}
