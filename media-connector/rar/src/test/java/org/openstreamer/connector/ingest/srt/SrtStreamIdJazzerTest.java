package org.openstreamer.connector.ingest.srt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The {@link SrtStreamIdFuzzTest} target under Jazzer, coverage-guided, with the same seeds and rules
 * (nothing may be thrown: a bad id comes back with an error). A normal test run replays the seeds;
 * {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class SrtStreamIdJazzerTest {

    private static final MutationFuzzer RULES = SrtStreamIdFuzzTest.fuzzer();

    static Stream<byte[]> seeds() {
        return RULES.seeds().stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) throws Exception {
        RULES.check(input, SrtStreamIdFuzzTest::parse);
    }
}
