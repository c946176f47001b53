package org.openstreamer.ejb.model;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamOptionsTest {

    private static StreamOptions options(boolean publishEnabled, String... urls) {
        return StreamOptions.builder().publishEnabled(publishEnabled)
                .inputs(Arrays.stream(urls).map(u -> new InputDefinition(u, null, null, null)).toList()).build();
    }

    @Test
    void theDefaultsAreThoseOfTheReference() {
        StreamOptions o = StreamOptions.builder().build();
        assertTrue(o.isStatic(), "a new stream is static");
        assertEquals(60, o.clientsTimeout());
        assertEquals(10, o.retryLimit());
        assertEquals(4, o.segmentDuration());
        assertEquals(4, o.segmentCount());
        assertEquals(List.of(), o.inputs());
        assertEquals(List.of(), o.pushes());
        assertNull(o.dvr());
        assertEquals(Json.createObjectBuilder().build(), o.meta());
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void aPublishInputMakesTheStreamPublishableWithoutPublishEnabled() {
        assertTrue(options(false, "srt://a:1", "publish://").publishable());
        assertTrue(options(true, "srt://a:1").publishable());
        assertTrue(options(false, "PUBLISH://").publishable());
        assertFalse(options(false, "srt://a:1").publishable());
        assertFalse(options(false).publishable());
    }

    @Test
    void endpointsListThosePresentInKindOrder() {
        StreamOptions o = StreamOptions.builder().srtPlay(new SrtEndpoint(9003, null, 120))
                .srtPublish(new SrtEndpoint(0, "securePass", 120)).build();
        assertEquals(List.of(SrtKind.SRT_PUBLISH, SrtKind.SRT_PLAY), List.copyOf(o.endpoints().keySet()));
    }

    @Test
    void changedFromNamesTheSettingsThatDifferInTheOrderOfTheShape() {
        StreamOptions a = options(false, "publish://");
        StreamOptions b = a.toBuilder().title("Title").srt(new SrtEndpoint(9001, null, 120)).segmentDuration(6)
                .meta(Json.createObjectBuilder().add("k", 1).build()).isStatic(false).onPlay("http://auth/")
                .dvr(new DvrConfig("/storage", 3600L, null, null, null, false))
                .pushes(List.of(new Push("rtmp://cdn/live", 5, null, false, null))).backup(new Backup("vod/a.mp4")).build();
        assertEquals(List.of("title", "static", "on_play", "srt", "segment_duration", "dvr", "pushes", "backup", "meta"),
                b.changedFrom(a));
        assertEquals(List.of(), b.changedFrom(b.toBuilder().build()));
    }

    @Test
    void onlyADvrThatIsNotOfflineRecords() {
        assertFalse(StreamOptions.builder().build().records());
        assertTrue(StreamOptions.builder().dvr(new DvrConfig("/s", null, null, null, null, false)).build().records());
        assertFalse(StreamOptions.builder().dvr(new DvrConfig("/s", null, null, null, null, true)).build().records());
    }

    @Test
    void aPublishLocationMakesPublishableOnDemandStreamsOfNamesUnderItsPrefix() {
        StreamOptions o = StreamOptions.builder().segmentDuration(2)
                .pushes(List.of(new Push("rtmp://cdn/client43/%s", 5, null, false, null))).build();
        PublishLocationDefinition chats = new PublishLocationDefinition("chats", o);
        assertTrue(chats.covers("chats/room1"));
        assertTrue(chats.covers("chats/my/room1"));
        assertFalse(chats.covers("chats"));
        assertFalse(chats.covers("chats/"));
        assertFalse(chats.covers("chatsx/1"));
        StreamDefinition d = chats.streamFor("chats/my/room1");
        assertEquals("chats/my/room1", d.name());
        assertTrue(d.options().publishable());
        assertFalse(d.options().isStatic());
        assertEquals(2, d.options().segmentDuration());
        assertEquals("rtmp://cdn/client43/my/room1", d.options().pushes().get(0).url(), "%s is the name after the prefix");
    }

    @Test
    void aTemplateFillsInTheRestOfTheNameInItsInputs() {
        StreamTemplateDefinition ams = new StreamTemplateDefinition("ams", "ams", StreamOptions.builder().isStatic(false)
                .inputs(List.of(new InputDefinition("hls://streamer:8081/%s/index.m3u8", 1, 30, null))).build());
        StreamDefinition d = ams.streamFor("ams/ort");
        assertEquals(List.of(new InputDefinition("hls://streamer:8081/ort/index.m3u8", 1, 30, null)), d.options().inputs());
        assertFalse(d.options().isStatic());
        assertFalse(ams.covers("amsterdam/ort"));
    }
}
