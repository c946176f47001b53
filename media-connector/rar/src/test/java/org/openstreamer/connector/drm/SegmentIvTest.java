package org.openstreamer.connector.drm;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SegmentIvTest {

    @Test
    void theStartAsA128BitBigEndianNumber() {
        long start = 1_765_000_004_040L;
        assertEquals(BigInteger.valueOf(start), new BigInteger(1, SegmentIv.of(start)));
        assertEquals("0x" + "0".repeat(32 - Long.toHexString(start).length()) + Long.toHexString(start),
                SegmentIv.attribute(start));
        assertEquals("0x00000000000000000000000000000000", SegmentIv.attribute(0));
        assertEquals(34, SegmentIv.attribute(Long.MAX_VALUE).length());
    }

    @Test
    void segmentsOneMillisecondApartGetDifferentIvs() {
        assertNotEquals(SegmentIv.attribute(1000), SegmentIv.attribute(1001));
    }
}
