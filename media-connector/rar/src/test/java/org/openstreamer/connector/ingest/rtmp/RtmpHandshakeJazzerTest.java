package org.openstreamer.connector.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.stream.Stream;

/**
 * The two {@link RtmpHandshakeFuzzTest} targets under Jazzer, coverage-guided, with the same seeds and
 * rules: the handshake followed by chunks (allowed: {@link RtmpProtocolException},
 * {@link java.io.IOException}) and FLV tags into {@link FlvAccessUnits} (allowed:
 * {@link RtmpProtocolException}). A normal test run replays the seeds; {@code JAZZER_FUZZ=1} fuzzes
 * one method at a time (docs/reliability.md).
 */
class RtmpHandshakeJazzerTest {

    private static final MutationFuzzer HANDSHAKE_RULES = RtmpHandshakeFuzzTest.handshakeFuzzer();
    private static final MutationFuzzer FLV_RULES = RtmpHandshakeFuzzTest.flvFuzzer();

    static Stream<byte[]> handshakeSeeds() {
        return HANDSHAKE_RULES.seeds().stream();
    }

    static Stream<byte[]> flvSeeds() {
        return FLV_RULES.seeds().stream();
    }

    @MethodSource("handshakeSeeds")
    @FuzzTest(maxDuration = "30s")
    void handshake(byte[] input) throws Exception {
        HANDSHAKE_RULES.check(input, RtmpHandshakeFuzzTest::handshake);
    }

    @MethodSource("flvSeeds")
    @FuzzTest(maxDuration = "30s")
    void flvTags(byte[] input) throws Exception {
        FLV_RULES.check(input, RtmpHandshakeFuzzTest::readFlvTags);
    }
}
