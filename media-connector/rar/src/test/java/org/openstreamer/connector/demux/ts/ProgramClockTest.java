package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgramClockTest {

    private static final long W = 1L << 33;
    private static final long S = 90_000; // one second

    /** Stream 'v' or 'a', raw 33-bit value, discontinuity flag, expected unwrapped value. */
    record Step(char stream, long raw, boolean flag, long out) {
    }

    static Step v(long raw, long out) {
        return new Step('v', raw, false, out);
    }

    static Step a(long raw, long out) {
        return new Step('a', raw, false, out);
    }

    record Case(String name, long discontinuities, List<Step> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("steady", 0, List.of(v(0, 0), v(3600, 3600), v(7200, 7200))),
                new Case("33-bit wrap", 0, List.of(v(W - 3600, W - 3600), v(0, W), v(3600, W + 3600))),
                new Case("second stream starts across the wrap", 0,
                        List.of(v(W - 100, W - 100), a(50, W + 50), a(2000, W + 2000), v(3500, W + 3500))),
                new Case("second stream starts before the first's wrap", 0,
                        List.of(v(100, 100), a(W - 500, -500), a(1420, 1420))),
                new Case("small backward jitter is kept", 0, List.of(v(90_000, 90_000), v(86_400, 86_400), v(93_600, 93_600))),
                new Case("forward gap of 30 s is kept", 0, List.of(v(0, 0), v(30 * S, 30 * S))),
                new Case("back 10 s: re-based after the last frame", 1,
                        List.of(v(900_000, 900_000), v(903_600, 903_600), v(3600, 907_200), v(7200, 910_800))),
                new Case("forward 2 min: re-based", 1,
                        List.of(v(0, 0), v(3600, 3600), v(3600 + 120 * S, 7200), v(7200 + 120 * S, 10_800))),
                new Case("back 10 s just before the wrap", 1,
                        List.of(v(W - 5400, W - 5400), v(W - 1800, W - 1800), v(W - 1800 - 10 * S, W + 1800))),
                new Case("a jump before any step re-bases by one tick", 1, List.of(v(20 * S, 20 * S), v(S, 20 * S + 1))),
                new Case("discontinuity flag: any step back re-bases", 1,
                        List.of(v(900_000, 900_000), v(903_600, 903_600), new Step('v', 900_000, true, 907_200),
                                v(903_600, 910_800))),
                new Case("discontinuity flag: forward step is kept", 0,
                        List.of(v(900_000, 900_000), new Step('v', 950_000, true, 950_000))),
                new Case("two streams jump: one epoch, audio joins keeping its offset", 1, List.of(
                        v(10 * S, 10 * S), a(10 * S - 1000, 10 * S - 1000), v(10 * S + 3600, 10 * S + 3600),
                        a(10 * S + 920, 10 * S + 920),
                        v(1000, 10 * S + 7200),                  // video opens the new epoch
                        a(10 * S + 2840, 10 * S + 2840),         // audio still on the old time base
                        a(400, 10 * S + 7200 - 600),             // audio joins: 600 before video, as in the input
                        v(4600, 10 * S + 10_800), a(2320, 10 * S + 8520))),
                new Case("a stream added after the jump starts on the new epoch", 1, List.of(
                        v(50 * S, 50 * S), v(50 * S + 3600, 50 * S + 3600), v(S, 50 * S + 7200), a(S + 900, 50 * S + 8100))),
                new Case("joining never steps back", 1, List.of(
                        v(10 * S, 10 * S), a(10 * S + 3000, 10 * S + 3000), v(1000, 10 * S + 3000 + 1),
                        a(0, 10 * S + 3001))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void unwrap(Case c) {
        DemuxCounters counters = new DemuxCounters();
        ProgramClock clock = new ProgramClock(5 * S, 60 * S, counters);
        ProgramClock.Stream video = clock.newStream();
        ProgramClock.Stream audio = clock.newStream();
        int i = 0;
        for (Step s : c.steps()) {
            long out = (s.stream() == 'v' ? video : audio).unwrap(s.raw(), s.flag());
            assertEquals(s.out(), out, "step " + i++ + " " + s);
        }
        assertEquals(c.discontinuities(), counters.timestampDiscontinuities);
    }

    @Test
    void delta33() {
        assertEquals(1, ProgramClock.delta33(0, W - 1));
        assertEquals(-1, ProgramClock.delta33(W - 1, 0));
        assertEquals(W / 2 - 1, ProgramClock.delta33(W / 2 - 1, 0));
        assertEquals(-W / 2, ProgramClock.delta33(W / 2, 0));
    }

    @Test
    void guessWithoutTimestamps() {
        ProgramClock clock = new ProgramClock(5 * S, 60 * S, new DemuxCounters());
        ProgramClock.Stream s = clock.newStream();
        assertEquals(0, s.next());
        s.unwrap(1000, false);
        s.unwrap(4600, false);
        assertEquals(8200, s.next());
    }
}
