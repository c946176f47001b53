package org.openstreamer.connector.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The {@link RtmpFuzzTest} chunk target under Jazzer, coverage-guided, with the same seeds and rules
 * (allowed: {@link RtmpProtocolException}, including {@link Amf0Exception}, and
 * {@link java.io.IOException}). A normal test run replays the seeds; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/reliability.md).
 */
class RtmpChunkJazzerTest {

    private static final MutationFuzzer RULES = RtmpFuzzTest.chunkFuzzer();

    static Stream<byte[]> seeds() {
        return RULES.seeds().stream();
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "30s")
    void readChunks(byte[] input) throws Exception {
        RULES.check(input, RtmpFuzzTest::readChunks);
    }
}
