package org.openstreamer.connector.ingest.srt;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.connector.ingest.srt.jni.SrtStats;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** libsrt's counters reach the API record field by field, and connections without counters are left out. */
class SrtConnectionStatsTest {

    private static final class Fixed extends SrtConnection {
        private final SrtStats stats;

        Fixed(String peer, SrtStats stats) {
            super(7, peer, 9000, "cam1");
            this.stats = stats;
        }

        @Override
        String role() {
            return "publisher";
        }

        @Override
        SrtStats currentStats() {
            return stats;
        }
    }

    @Test
    void everyCounterKeepsItsMeaning() {
        // each counter a different value, so that two fields swapped cannot pass
        SrtStats s = new SrtStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14.0, 15.0, 16.5, 17.0);
        SrtConnectionStats c = new Fixed("10.0.0.1:5000", s).connectionStats();
        assertEquals(new SrtConnectionStats("cam1", "publisher", "10.0.0.1:5000", 9000, 16.5, 3, 2, 5, 4, 6, 8, 7, 9,
                11, 10, 12, 13, 17.0), c);
    }

    @Test
    void connectionsWithoutCountersAreLeftOut() {
        SrtStats s = new SrtStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        List<SrtConnectionStats> out = new ArrayList<>();
        SrtConnection.addStats(List.of(new Fixed("a:1", null), new Fixed("b:2", s)), out);
        assertEquals(1, out.size());
        assertEquals("b:2", out.get(0).peer());
    }
}
