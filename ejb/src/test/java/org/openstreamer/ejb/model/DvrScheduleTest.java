package org.openstreamer.ejb.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DvrScheduleTest {

    @Test
    void theReferenceExampleParsesAndCrossesMidnight() {
        DvrSchedule s = DvrSchedule.parse("8:00-16:00,22-1:30");
        assertEquals(List.of(new DvrSchedule.Interval(480, 960), new DvrSchedule.Interval(1320, 90)), s.intervals());
        assertEquals("8:00-16:00,22:00-1:30", s.toString());
        assertTrue(s.contains(8 * 60));
        assertTrue(s.contains(16 * 60 - 1));
        assertFalse(s.contains(16 * 60), "the end is excluded");
        assertFalse(s.contains(21 * 60 + 59));
        assertTrue(s.contains(23 * 60));
        assertTrue(s.contains(0));
        assertTrue(s.contains(89));
        assertFalse(s.contains(90));
        assertFalse(s.contains(7 * 60));
    }

    @Test
    void hoursAloneMidnightAndSpacesAreAccepted() {
        assertEquals("0:00-24:00", DvrSchedule.parse("0-24").toString());
        assertTrue(DvrSchedule.parse("0-24").contains(1439));
        assertEquals("20:00-24:00", DvrSchedule.parse("20:00-24:00").toString());
        assertTrue(DvrSchedule.parse("20:00-24:00").contains(1439));
        assertFalse(DvrSchedule.parse("20:00-24:00").contains(0));
        assertEquals(2, DvrSchedule.parse("8-9, 10-11").intervals().size());
        assertTrue(DvrSchedule.parse("23:30-0:15").contains(0));
    }

    @Test
    void malformedSchedulesAreRefusedNamingThePart() {
        for (String bad : new String[] {"", " ", "8", "8-", "-9", "8:0-9", "8:00-9:60", "25-3", "24-3", "8-24:30",
                "8-16,", ",8-16", "8-16;22-1", "8.00-16.00", "8-8", "0-24:00x", "a-b", null}) {
            assertThrows(IllegalArgumentException.class, () -> DvrSchedule.parse(bad), String.valueOf(bad));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DvrSchedule.parse("8-16,25-3"));
        assertTrue(e.getMessage().contains("'25-3'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DvrSchedule.parse("1-2,".repeat(70) + "1-2"));
    }
}
