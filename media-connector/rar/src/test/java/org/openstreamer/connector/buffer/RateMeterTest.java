package org.openstreamer.connector.buffer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateMeterTest {

    @Test
    void averagesTheWholeSecondsBeforeNow() {
        RateMeter m = new RateMeter();
        long t = 1_000_000_000L;
        for (int s = 0; s < 6; s++) {
            m.add(125_000, t + s * 1000L); // 1 Mbit in each second
        }
        assertEquals(1_000_000, m.bitsPerSecond(t + 5_500), "the filling second is left out");
        assertEquals(250_000, m.bitsPerSecond(t + 9_000), "one second of the last four had bytes");
        assertEquals(0, m.bitsPerSecond(t + 60_000), "old slots are not read as new ones");
    }
}
