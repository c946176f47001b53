package org.openstreamer.web.rest.live;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.ejb.model.Push;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PushStatusTest {

    static final Push RTMP = new Push("rtmp://cdn.example.com/live/%s", 5, null, false, null);
    static final Push SRT_OFF = new Push("SRT://10.0.0.1:9000", 5, null, true, null);

    @Test
    void theEnginesStateOfEachPushIsShownUnderItsConfiguredUrl() {
        Instant at = Instant.parse("2026-12-06T00:00:00Z");
        List<PushInfo> running = List.of(
                new PushInfo("rtmp://cdn.example.com/live/cam1", "error", 0, 1, "push scheme rtmp is not supported yet", at, null),
                new PushInfo(SRT_OFF.url(), "disabled", 0, 0, null, null, null));
        assertEquals(List.of(
                        new PushStatus(RTMP.url(), "error", "push scheme rtmp is not supported yet", at, 1, 0, null),
                        new PushStatus(SRT_OFF.url(), "disabled", null, null, 0, 0, null)),
                PushStatus.of(List.of(RTMP, SRT_OFF), false, running));
    }

    @Test
    void withoutTheEnginesViewPushesWaitOrAreDisabled() {
        assertEquals(List.of(new PushStatus(RTMP.url(), "waiting", null, null, 0, 0, null),
                new PushStatus(SRT_OFF.url(), "disabled", null, null, 0, 0, null)), PushStatus.of(List.of(RTMP, SRT_OFF), false, List.of()));
        assertEquals(List.of(new PushStatus(RTMP.url(), "disabled", null, null, 0, 0, null)), PushStatus.of(List.of(RTMP), true, List.of()));
        assertNull(PushStatus.of(List.of(), false, List.of()));
    }
}
