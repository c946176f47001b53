package org.openstreamer.connector.ingest.hls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The {@link HlsPlaylistFuzzTest} target under Jazzer, coverage-guided, with the same seeds and rules
 * (allowed: {@link IllegalArgumentException}). A normal test run replays the seeds;
 * {@code JAZZER_FUZZ=1} fuzzes (docs/reliability.md).
 */
class HlsPlaylistJazzerTest {

    private static final MutationFuzzer RULES = HlsPlaylistFuzzTest.fuzzer();

    static Stream<byte[]> seeds() {
        return RULES.seeds().stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) throws Exception {
        RULES.check(input, HlsPlaylistFuzzTest::parse);
    }
}
