package org.openstreamer.ejb.drm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyScheduleTest {

    private static final long TEN_MINUTES = 600_000;

    @Test
    void theFirstKeyStartsNow() {
        assertEquals(5_000, KeySchedule.nextStart(-1, TEN_MINUTES, 5_000));
    }

    @Test
    void theNextKeyIsMadeAheadOfItsStartAndStartsOnePeriodAfterTheLast() {
        long lead = KeySchedule.leadMillis(TEN_MINUTES);
        assertEquals(30_000, lead);
        assertEquals(-1, KeySchedule.nextStart(0, TEN_MINUTES, TEN_MINUTES - lead - 1), "not due yet");
        assertEquals(TEN_MINUTES, KeySchedule.nextStart(0, TEN_MINUTES, TEN_MINUTES - lead));
        assertEquals(TEN_MINUTES, KeySchedule.nextStart(0, TEN_MINUTES, TEN_MINUTES + 5_000), "late: still the chain");
    }

    @Test
    void afterALongPauseTheChainStartsAgainNow() {
        assertEquals(5 * TEN_MINUTES, KeySchedule.nextStart(0, TEN_MINUTES, 5 * TEN_MINUTES));
    }

    @Test
    void shortPeriodsGetAShortLead() {
        assertEquals(2_000, KeySchedule.leadMillis(8_000));
        assertEquals(1_000, KeySchedule.leadMillis(4_000));
        assertEquals(8_000, KeySchedule.nextStart(0, 8_000, 6_000));
        assertEquals(-1, KeySchedule.nextStart(0, 8_000, 5_999));
    }
}
