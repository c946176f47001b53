package org.openstreamer.connector.demux.ts;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The {@link PesAssemblerFuzzTest} target under Jazzer, coverage-guided, with the same seeds and
 * rules (nothing may be thrown). A normal test run replays the seeds; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/reliability.md).
 */
class PesAssemblerJazzerTest {

    private static final MutationFuzzer RULES = PesAssemblerFuzzTest.fuzzer();

    static Stream<byte[]> seeds() {
        return RULES.seeds().stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void payloads(byte[] input) throws Exception {
        RULES.check(input, PesAssemblerFuzzTest::payloads);
    }
}
