package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arbitrary packet payloads into {@link PesAssembler}: it never throws, never hands out more than its
 * cap and never goes past the payload it was given. Damage is counted, not thrown.
 */
class PesAssemblerFuzzTest {

    private static final int CAP = 64 * 1024;

    @Test
    void arbitraryPayloadsAreCountedNotThrown() {
        fuzzer().run(PesAssemblerFuzzTest::payloads);
    }

    /** The corpus, the seeds and the rules (shared with {@link PesAssemblerJazzerTest}). */
    static MutationFuzzer fuzzer() {
        byte[] data = new byte[300];
        Arrays.fill(data, (byte) 0x11);
        return new MutationFuzzer("pes-assembler")
                .seed(PayloadFrames.frame(TsBuilder.pes(0xE0, 90000, 87000, data, false), false))
                .seed(PayloadFrames.frame(TsBuilder.pes(0xC0, 1234, 1234, TsBuilder.adts(4, 2, 20), true), false))
                .seed(PayloadFrames.frame(TsBuilder.pes(0xBD, 5, 5, new byte[10], true), false));
    }

    /** The target (also of {@link PesAssemblerJazzerTest}): returns a signature of what the input did. */
    static String payloads(byte[] input) {
        DemuxCounters counters = new DemuxCounters();
        long[] bytes = new long[1];
        PesAssembler a = new PesAssembler(new PesAssembler.Handler() {
            @Override
            public void pesStart(long packetIndex, long pts, long dts) {
                bytes[0] = 0;
            }

            @Override
            public void pesPayload(byte[] buf, int from, int to) {
                if (from < 0 || to > buf.length || from > to) {
                    throw new AssertionError("payload range " + from + ".." + to);
                }
                bytes[0] += to - from;
            }

            @Override
            public void pesEnd() {
            }
        }, counters, CAP);
        long[] index = new long[1];
        PayloadFrames.split(input, p -> a.payload(p.buf(), p.from(), p.to(), p.unitStart(), index[0]++));
        a.abort();
        assertTrue(bytes[0] <= CAP + 184, "handed out " + bytes[0] + " bytes past the cap");
        return counters.pesErrors + "/" + counters.oversizePes;
    }
}
