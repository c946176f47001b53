package org.openstreamer.connector.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The {@link RtmpFuzzTest} AMF0 target under Jazzer, coverage-guided, with the same seeds and rules
 * (allowed: {@link Amf0Exception}). A normal test run replays the seeds; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/reliability.md).
 */
class Amf0JazzerTest {

    private static final MutationFuzzer RULES = RtmpFuzzTest.amf0Fuzzer();

    static Stream<byte[]> seeds() {
        return RULES.seeds().stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void readAll(byte[] input) throws Exception {
        RULES.check(input, RtmpFuzzTest::readAmf0);
    }
}
