package org.openstreamer.connector.ingest.rtsp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The two {@link RtspFuzzTest} targets under Jazzer, coverage-guided, with the same seeds and rules:
 * SDP (allowed: {@link RtspProtocolException}) and the reply reader (allowed:
 * {@link java.io.IOException}). A normal test run replays the seeds; {@code JAZZER_FUZZ=1} fuzzes
 * one method at a time (docs/reliability.md).
 */
class RtspJazzerTest {

    private static final MutationFuzzer SDP_RULES = RtspFuzzTest.sdpFuzzer();
    private static final MutationFuzzer MESSAGE_RULES = RtspFuzzTest.messageFuzzer();

    static Stream<byte[]> sdpSeeds() {
        return SDP_RULES.seeds().stream();
    }

    static Stream<byte[]> messageSeeds() {
        return MESSAGE_RULES.seeds().stream();
    }

    @MethodSource("sdpSeeds")
    @FuzzTest(maxDuration = "30s")
    void sdp(byte[] input) throws Exception {
        SDP_RULES.check(input, RtspFuzzTest::parseSdp);
    }

    @MethodSource("messageSeeds")
    @FuzzTest(maxDuration = "30s")
    void replies(byte[] input) throws Exception {
        MESSAGE_RULES.check(input, RtspFuzzTest::readMessages);
    }
}
