package org.openstreamer.web.rest.live;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.model.Push;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PushStatusTest {

    static final Push RTMP = new Push("rtmp://cdn.example.com/live/%s", 5, null, false, null);
    static final Push SRT_OFF = new Push("SRT://10.0.0.1:9000", 5, null, true, null);

    @Test
    void anEnabledPushIsAnErrorThatNamesItsScheme() {
        assertEquals(List.of(
                        new PushStatus(RTMP.url(), "error", "push scheme rtmp is not supported yet (rtmp://cdn.example.com/live/%s)"),
                        new PushStatus(SRT_OFF.url(), "disabled", null)),
                PushStatus.of(List.of(RTMP, SRT_OFF), false));
    }

    @Test
    void aDisabledStreamsPushesAreDisabledAndNoPushesGiveNothing() {
        assertEquals(List.of(new PushStatus(RTMP.url(), "disabled", null)), PushStatus.of(List.of(RTMP), true));
        assertNull(PushStatus.of(List.of(), false));
    }
}
