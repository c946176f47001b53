package org.openstreamer.connector.demux.ts;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The {@link TsDemuxerFuzzTest} target under Jazzer, coverage-guided. A normal test run replays
 * the inputs under {@code TsDemuxerJazzerTestInputs/demux} (test resources); {@code JAZZER_FUZZ=1}
 * fuzzes (docs/reliability.md). The demuxer throws nothing for bad input: any exception is a finding.
 */
class TsDemuxerJazzerTest {

    @FuzzTest(maxDuration = "30s")
    void demux(byte[] input) {
        TsDemuxerFuzzTest.demux(input);
    }
}
