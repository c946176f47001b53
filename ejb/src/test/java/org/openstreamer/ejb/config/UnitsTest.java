package org.openstreamer.ejb.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTest {

    @Test
    void durationsBecomeSeconds() {
        assertEquals(432_000, Units.seconds("5d"));
        assertEquals(72_000, Units.seconds("20h"));
        assertEquals(86_400, Units.seconds("1d"));
        assertEquals(5_400, Units.seconds("90m"));
        assertEquals(30, Units.seconds("30s"));
        assertEquals(3_600, Units.seconds("3600"));
        assertEquals(7_200, Units.seconds("2H"));
        assertEquals(0, Units.seconds("0"));
    }

    @Test
    void sizesBecomeDecimalBytes() {
        assertEquals(500_000_000_000L, Units.bytes("500G"));
        assertEquals(500_000_000_000L, Units.bytes("500GB"));
        assertEquals(40_000_000_000L, Units.bytes("40G"));
        assertEquals(2_000_000_000_000L, Units.bytes("2T"));
        assertEquals(512_000_000L, Units.bytes("512M"));
        assertEquals(64_000L, Units.bytes("64K"));
        assertEquals(64_000L, Units.bytes("64k"));
        assertEquals(1234L, Units.bytes("1234"));
    }

    @Test
    void percentagesAreWholeNumbersFrom1To100() {
        assertEquals(90, Units.percent("90%"));
        assertEquals(1, Units.percent("1%"));
        assertEquals(100, Units.percent("100%"));
        for (String bad : new String[] {"0%", "101%", "90", "%", "9.5%", "-5%", "", null}) {
            assertThrows(IllegalArgumentException.class, () -> Units.percent(bad), bad);
        }
    }

    @Test
    void badTextIsRefusedWithAMessageThatShowsIt() {
        for (String bad : new String[] {"5x", "d", "5 d", "-5d", "1.5h", "5dd", "", null, "5M"}) {
            assertThrows(IllegalArgumentException.class, () -> Units.seconds(bad), bad);
        }
        for (String bad : new String[] {"5g", "G", "5 G", "1.5G", "5GiB", "5m", ""}) {
            assertThrows(IllegalArgumentException.class, () -> Units.bytes(bad), bad);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.seconds("5w"));
        assertTrue(e.getMessage().contains("'5w'"), e.getMessage());
    }

    @Test
    void overflowIsRefusedRatherThanWrapped() {
        assertThrows(IllegalArgumentException.class, () -> Units.bytes("999999999999999T"));
        assertEquals(999_999_999_999L * 86_400, Units.seconds("999999999999d"));
    }

    /** What the importer of {@code dvr /storage 90% 5d 500G} needs: each token's kind from its suffix. */
    @Test
    void kindTellsTokensApartBySuffix() {
        assertEquals(Units.Kind.DURATION, Units.kind("5d"));
        assertEquals(Units.Kind.DURATION, Units.kind("20h"));
        assertEquals(Units.Kind.DURATION, Units.kind("5m"));
        assertEquals(Units.Kind.SIZE, Units.kind("500G"));
        assertEquals(Units.Kind.SIZE, Units.kind("500M"));
        assertEquals(Units.Kind.PERCENT, Units.kind("90%"));
        assertNull(Units.kind("3600"));
        assertNull(Units.kind("/storage"));
        assertNull(Units.kind("schedule=8:00-16:00"));
        assertNull(Units.kind(null));
    }
}
