package org.openstreamer.connector.drm;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.DrmKey;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyRingTest {

    private static DrmKey key(long id, long start) {
        return new DrmKey(id, start, new byte[16], null);
    }

    @Test
    void aSegmentUsesTheLastKeyStartedAtOrBeforeIt() {
        KeyRing ring = KeyRing.of(List.of(key(3, 20_000), key(1, 0), key(2, 10_000)));
        assertEquals(1, ring.at(0).id());
        assertEquals(1, ring.at(9_999).id());
        assertEquals(2, ring.at(10_000).id());
        assertEquals(3, ring.at(1_000_000).id());
        assertEquals(1, ring.at(-5).id(), "older than every key: the first one");
    }

    @Test
    void aManualRotationAtTheSameInstantWins() {
        KeyRing ring = KeyRing.of(List.of(key(1, 0), key(2, 5_000), key(3, 5_000)));
        assertEquals(3, ring.at(5_000).id());
        assertEquals(3, ring.at(6_000).id());
    }

    @Test
    void byIdAndEmpty() {
        KeyRing ring = KeyRing.of(List.of(key(1, 0), key(2, 5_000)));
        assertEquals(5_000, ring.byId(2).startMillis());
        assertNull(ring.byId(9));
        assertTrue(KeyRing.EMPTY.isEmpty());
        assertNull(KeyRing.EMPTY.at(1));
    }

    @Test
    void aKeyNeverShowsItsBytes() {
        DrmKey k = new DrmKey(4, 1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, null);
        assertTrue(!k.toString().contains("[B") && !k.toString().contains("key=["), k.toString());
    }
}
