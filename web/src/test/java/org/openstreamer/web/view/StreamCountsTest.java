package org.openstreamer.web.view;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.PipelineInfo;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamCountsTest {

    private static PipelineInfo pipeline(String state, String publisher, String problem) {
        return new PipelineInfo("s", state, Instant.EPOCH, 0, 0, 0, -1, publisher, 0, 0, 0, null, 0, problem, List.of(), false);
    }

    @Test
    void countsStreamsByState() {
        StreamCounts c = StreamCounts.of(10, List.of(pipeline("publishing", "1.2.3.4:5", null),
                pipeline("waiting", null, null), pipeline("error", null, "no source"), pipeline("publishing", "", null)));
        assertEquals(new StreamCounts(10, 2, 1, 1, 1), c);
    }
}
