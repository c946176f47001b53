package org.openstreamer.web.playback;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TsPublishRequestTest {

    @Test
    void queryArgumentsAreDecodedFirstOneWins() {
        assertEquals(Map.of("password", "s3 cr&t", "x", ""), TsPublishRequest.queryArgs("password=s3+cr%26t&x&password=other"));
        assertEquals(Map.of(), TsPublishRequest.queryArgs(null));
        assertEquals(Map.of(), TsPublishRequest.queryArgs(""));
    }

    @Test
    void badEscapesAreLeftOutAndAnOverlongQueryIsIgnored() {
        assertEquals(Map.of("a", "1"), TsPublishRequest.queryArgs("password=%zz&a=1"));
        assertEquals(Map.of(), TsPublishRequest.queryArgs("password=" + "x".repeat(3000)));
    }
}
