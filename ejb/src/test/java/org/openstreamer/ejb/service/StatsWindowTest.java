package org.openstreamer.ejb.service;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.PipelineInfo;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsWindowTest {

    static final Instant MINUTE = Instant.parse("2026-11-21T10:00:00Z");
    static final long SECOND = 1_000_000_000L;

    static PipelineInfo pipeline(String name, String state, int clients, long bitrate, long errors, long ageMs,
                                 long bytesIn, long bytesOut) {
        return new PipelineInfo(name, state, MINUTE, clients, bitrate, errors, ageMs, null, 0, bytesIn, bytesOut, null, 0, null, null, false);
    }

    @Test
    void ratesAreMeansOverTheIntervalAndCountsAreDeltas() {
        StatsWindow w = new StatsWindow();
        List<StatsWindow.Row> first = w.sample(MINUTE, List.of(pipeline("cam1", "publishing", 1, 2_000_000, 3, 40, 1_000, 0)), 0);
        assertEquals(List.of(new StatsWindow.Row(MINUTE, "cam1", true, 2000, 0, 1_000, 0, 1, 3)), first,
                "the first sample has no interval: the engine's own rate, the totals so far");

        Instant next = MINUTE.plusSeconds(60);
        List<StatsWindow.Row> second = w.sample(next, List.of(pipeline("cam1", "publishing", 2, 2_000_000, 5, 2000,
                1_000 + 15_000_000, 7_500_000)), 60 * SECOND);
        assertEquals(List.of(new StatsWindow.Row(next, "cam1", false, 2000, 1000, 15_000_000, 7_500_000, 2, 2)), second);
    }

    @Test
    void totalsThatWentDownCountFromZero() {
        StatsWindow w = new StatsWindow();
        w.sample(MINUTE, List.of(pipeline("cam1", "publishing", 0, 0, 50, 10, 9_000_000, 100)), 0);
        StatsWindow.Row r = w.sample(MINUTE.plusSeconds(60),
                List.of(pipeline("cam1", "publishing", 0, 0, 4, 10, 3_000, 0)), 60 * SECOND).get(0);
        assertEquals(3_000, r.bytesIn());
        assertEquals(0, r.bytesOut());
        assertEquals(4, r.errors());
    }

    @Test
    void idlePipelinesWriteNothing() {
        StatsWindow w = new StatsWindow();
        w.sample(MINUTE, List.of(pipeline("gone", "waiting", 0, 0, 0, -1, 500, 0)), 0);
        assertTrue(w.sample(MINUTE.plusSeconds(60), List.of(pipeline("gone", "waiting", 0, 0, 0, -1, 500, 0)),
                60 * SECOND).isEmpty());
        assertEquals(1, w.sample(MINUTE.plusSeconds(120), List.of(pipeline("gone", "waiting", 1, 0, 0, -1, 500, 0)),
                120 * SECOND).size(), "a viewer still attached counts");
    }
}
