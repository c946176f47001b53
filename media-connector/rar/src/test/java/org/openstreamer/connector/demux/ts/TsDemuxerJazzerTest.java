package org.openstreamer.connector.demux.ts;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The {@link TsDemuxerFuzzTest} target under Jazzer, coverage-guided, with the same seeds and rules.
 * A normal test run replays the seeds; {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md). The
 * demuxer throws nothing for bad input: any exception is a finding.
 */
class TsDemuxerJazzerTest {

    private static final MutationFuzzer RULES = TsDemuxerFuzzTest.fuzzer();

    static Stream<byte[]> seeds() {
        return RULES.seeds().stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void demux(byte[] input) throws Exception {
        RULES.check(input, TsDemuxerFuzzTest::demux);
    }
}
