package org.openstreamer.ejb.data;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.InputConfig;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.ejb.model.Backup;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.StreamOptions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the engine is told of a stream's inputs and backup: every input, in failover order. */
class EngineConfigReaderInputsTest {

    private static InputDefinition input(String url, Integer priority, Integer timeout) {
        return new InputDefinition(url, priority, timeout, null);
    }

    @Test
    void everyInputGoesInPriorityOrderAndUnprioritizedOnesKeepTheirPlace() {
        StreamOptions o = StreamOptions.builder().inputs(List.of(
                input("udp://239.0.0.1:1234", null, 10),
                input("publish://", null, null),
                input("tshttp://origin/cam.ts", 0, null))).backup(new Backup("vod/blank.ts")).build();
        StreamConfig c = EngineConfigReader.config("cam", o);
        assertEquals(List.of(new InputConfig("tshttp://origin/cam.ts", 0, 60), new InputConfig("udp://239.0.0.1:1234", 1, 10),
                new InputConfig("publish://", 2, 60)), c.inputs());
        assertEquals("udp://239.0.0.1:1234", c.source(), "the first pulled input in list order, as before");
        assertEquals("vod/blank.ts", c.backup());
        assertEquals(c.inputs(), c.failoverOrder());
    }

    @Test
    void aStreamWithoutInputsHasNoneAndNoBackup() {
        StreamConfig c = EngineConfigReader.config("cam", StreamOptions.builder().build());
        assertEquals(List.of(), c.failoverOrder());
        assertNull(c.backup());
    }
}
