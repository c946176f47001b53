package org.openstreamer.connector.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FfmpegProbeTest {

    @Test
    void loadsTheBundledFfmpegWithSrt() {
        FfmpegStatus status = FfmpegProbe.load();
        assertEquals(FfmpegStatus.State.LOADED, status.state(), () -> "load failed: " + status.error());
        assertNotNull(status.version());
        assertTrue(status.version().matches("\\d+\\.\\d+.*"), status.version());
        assertTrue(status.srtProtocol(), "the bytedeco build links libsrt statically");
    }

    @Test
    void unknownProtocolIsAbsent() {
        FfmpegProbe.load();
        assertTrue(FfmpegProbe.hasInputProtocol("file"));
        assertFalse(FfmpegProbe.hasInputProtocol("no-such-protocol"));
    }
}
