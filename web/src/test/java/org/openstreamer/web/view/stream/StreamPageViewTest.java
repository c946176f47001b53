package org.openstreamer.web.view.stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamPageViewTest {

    @Test
    void lossIsAShareOfThePacketsTheSenderSent() {
        assertEquals("0.0", StreamPageView.lossPercent(0, 0), "nothing received yet");
        assertEquals("1.0", StreamPageView.lossPercent(990, 10));
        assertEquals("33.3", StreamPageView.lossPercent(2, 1));
    }
}
