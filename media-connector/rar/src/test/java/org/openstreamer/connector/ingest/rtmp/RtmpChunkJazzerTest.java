package org.openstreamer.connector.ingest.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;

/**
 * The {@link RtmpFuzzTest} chunk target under Jazzer, coverage-guided. A normal test run replays the
 * inputs under {@code RtmpChunkJazzerTestInputs/readChunks} (test resources); {@code JAZZER_FUZZ=1}
 * fuzzes (docs/reliability.md). Allowed: {@link RtmpProtocolException} and {@link IOException}.
 */
class RtmpChunkJazzerTest {

    @FuzzTest(maxDuration = "30s")
    void readChunks(byte[] input) {
        try {
            RtmpFuzzTest.readChunks(input);
        } catch (RtmpProtocolException | IOException e) {
            // the documented outcomes of bad input (Amf0Exception is a RtmpProtocolException)
        }
    }
}
