package org.openstreamer.ejb.config.text;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTest {

    @Test
    void durationsNeedAUnitAndBecomeSeconds() {
        assertEquals(OptionalLong.of(432_000), Units.duration("5d"));
        assertEquals(OptionalLong.of(72_000), Units.duration("20h"));
        assertEquals(OptionalLong.of(300), Units.duration("5m"));
        assertEquals(OptionalLong.of(90), Units.duration("90s"));
        assertEquals(OptionalLong.empty(), Units.duration("10080"), "no unit: not a duration");
        assertEquals(OptionalLong.empty(), Units.duration("5D"));
        assertEquals(OptionalLong.empty(), Units.duration("-5d"));
        assertEquals(OptionalLong.of(60), Units.seconds("60"), "a plain number of seconds where seconds are expected");
        assertEquals(OptionalLong.of(7200), Units.seconds("2h"));
    }

    @Test
    void sizesUseDecimalMultiples() {
        assertEquals(OptionalLong.of(500_000_000_000L), Units.bytes("500G"));
        assertEquals(OptionalLong.of(10_000_000_000L), Units.bytes("10GB"));
        assertEquals(OptionalLong.of(40_000_000L), Units.bytes("40M"));
        assertEquals(OptionalLong.of(2_000_000_000_000L), Units.bytes("2T"));
        assertEquals(OptionalLong.of(1500), Units.bytes("1500B"));
        assertEquals(OptionalLong.of(1000), Units.bytes("1K"));
        assertEquals(OptionalLong.empty(), Units.bytes("500"));
        assertEquals(OptionalLong.empty(), Units.bytes("5m"), "lower-case m is minutes");
        assertThrows(ArithmeticException.class, () -> Units.bytes("99999999999999T"));
    }

    @Test
    void percentagesAreZeroToHundred() {
        assertEquals(OptionalInt.of(90), Units.percent("90%"));
        assertEquals(OptionalInt.of(100), Units.percent("100%"));
        assertEquals(OptionalInt.empty(), Units.percent("101%"));
        assertEquals(OptionalInt.empty(), Units.percent("90"));
    }

    @Test
    void schedulesAreUtcIntervalsThatMayCrossMidnight() {
        assertTrue(Units.isSchedule("8:00-16:00"));
        assertTrue(Units.isSchedule("22-1:30"));
        assertTrue(Units.isSchedule("8:00-16:00,22-1:30"));
        assertFalse(Units.isSchedule("8:00"));
        assertFalse(Units.isSchedule("25-1"));
        assertFalse(Units.isSchedule("8:60-9"));
        assertFalse(Units.isSchedule("8-9,"));
    }

    @Test
    void formatsUseTheLargestExactUnit() {
        assertEquals("5d", Units.formatDuration(432_000));
        assertEquals("20h", Units.formatDuration(72_000));
        assertEquals("90m", Units.formatDuration(5400));
        assertEquals("61s", Units.formatDuration(61));
        assertEquals("500G", Units.formatBytes(500_000_000_000L));
        assertEquals("1500B", Units.formatBytes(1500));
        assertEquals("1500K", Units.formatBytes(1_500_000));
        assertEquals("0B", Units.formatBytes(0));
        assertEquals("0s", Units.formatDuration(0));
    }
}
