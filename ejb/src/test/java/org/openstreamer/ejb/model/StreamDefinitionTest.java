package org.openstreamer.ejb.model;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamDefinitionTest {

    private static StreamDefinition stream(boolean publishEnabled, String... urls) {
        return new StreamDefinition("cam", null, false, publishEnabled,
                Arrays.stream(urls).map(u -> new InputDefinition(u, null, null, null)).toList(),
                null, null, null, 4, 4, null);
    }

    @Test
    void aPublishInputMakesTheStreamPublishableWithoutPublishEnabled() {
        assertTrue(stream(false, "srt://a:1", "publish://").publishable());
        assertTrue(stream(true, "srt://a:1").publishable());
        assertTrue(stream(false, "PUBLISH://").publishable());
        assertFalse(stream(false, "srt://a:1").publishable());
        assertFalse(stream(false).publishable());
    }

    @Test
    void endpointsListThosePresentInKindOrder() {
        StreamDefinition d = new StreamDefinition("cam", null, false, false, null, null,
                new SrtEndpoint(0, "securePass", 120), new SrtEndpoint(9003, null, 120), 4, 4, null);
        assertEquals(List.of(SrtKind.SRT_PUBLISH, SrtKind.SRT_PLAY), List.copyOf(d.endpoints().keySet()));
        assertEquals(List.of(), d.inputs());
        assertEquals(Json.createObjectBuilder().build(), d.meta());
    }

    @Test
    void changedFromNamesTheSettingsThatDiffer() {
        StreamDefinition a = stream(false, "publish://");
        StreamDefinition b = new StreamDefinition("cam", "Title", false, false, a.inputs(),
                new SrtEndpoint(9001, null, 120), null, null, 6, 4, Json.createObjectBuilder().add("k", 1).build());
        assertEquals(List.of("title", "srt", "segment_duration", "meta"), b.changedFrom(a));
        assertEquals(List.of(), a.changedFrom(stream(false, "publish://")));
    }
}
