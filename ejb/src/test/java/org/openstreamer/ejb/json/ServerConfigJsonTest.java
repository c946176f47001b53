package org.openstreamer.ejb.json;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.HttpListener;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtKind;
import org.openstreamer.ejb.model.SrtListenerRange;
import org.openstreamer.ejb.error.ConfigException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerConfigJsonTest {

    static final String REFERENCE = "{\"listeners\": {\"srt\": [ {\"mode\":\"publish\",\"ports\":{\"first\":2345,"
            + "\"last\":12344}}]},\"config_external\": \"http://localhost:12345/config_backend/\"}";

    @Test
    void readsTheReferenceExample() {
        ServerConfigDefinition c = ServerConfigJson.read(JsonBody.object(REFERENCE));
        assertEquals(List.of(new SrtListenerRange("publish", 2345, 12344)), c.listeners());
        assertEquals("http://localhost:12345/config_backend/", c.configExternal());
        assertNull(c.srt());
    }

    /** PATCH /config applies an RFC 7396 merge patch to the settings as written: one listener added, a passphrase removed. */
    @Test
    void aMergePatchChangesOnlyWhatItNames() {
        ServerConfigDefinition c = ServerConfigJson.read(JsonBody.object("{\"srt_publish\":{\"port\":9998,"
                + "\"passphrase\":\"global-secret\"},\"listeners\":{\"srt\":[{\"mode\":\"publish\",\"ports\":{\"first\":2345,"
                + "\"last\":2400}}]},\"url_prefix\":\"http://cdn.example.com\"}"));
        ServerConfigDefinition patched = ServerConfigJson.read(org.openstreamer.ejb.util.Jsonp.JSON.createMergePatch(
                JsonBody.object("{\"srt_publish\":{\"passphrase\":null},\"listeners\":{\"http\":[{\"port\":8081}]}}"))
                .apply(ServerConfigJson.write(c)).asJsonObject());
        assertEquals(new SrtEndpoint(9998, null, 120), patched.srtPublish());
        assertEquals(c.listeners(), patched.listeners());
        assertEquals(List.of(new HttpListener(null, 8081)), patched.http());
        assertEquals("http://cdn.example.com", patched.urlPrefix());
    }

    @Test
    void writesEveryConfiguredSettingAndAlwaysTheListeners() {
        ServerConfigDefinition c = new ServerConfigDefinition(new SrtEndpoint(9998, null, 120), null,
                new SrtEndpoint(9997, "securePass", 200), List.of(), null);
        assertEquals("{\"srt\":{\"port\":9998,\"latency\":120},\"srt_play\":{\"port\":9997,\"passphrase\":\"securePass\","
                + "\"latency\":200},\"listeners\":{\"srt\":[]}}", ServerConfigJson.write(c).toString());
        assertEquals(c, ServerConfigJson.read(ServerConfigJson.write(c)));
        ServerConfigDefinition r = ServerConfigJson.read(JsonBody.object(REFERENCE));
        assertEquals(r, ServerConfigJson.read(ServerConfigJson.write(r)));
    }

    @Test
    void httpListenersUrlPrefixAndClusterKeyRoundTrip() {
        String json = "{\"listeners\":{\"srt\":[],\"http\":[{\"port\":8081},{\"address\":\"127.0.0.1\",\"port\":8082}]},"
                + "\"url_prefix\":\"http://cdn.example.com:8080\",\"cluster_key\":\"samekeyforall\"}";
        ServerConfigDefinition c = ServerConfigJson.read(JsonBody.object(json));
        assertEquals(List.of(new HttpListener(null, 8081), new HttpListener("127.0.0.1", 8082)), c.http());
        assertEquals("http://cdn.example.com:8080", c.urlPrefix());
        assertEquals("samekeyforall", c.clusterKey());
        assertEquals(json, ServerConfigJson.write(c).toString());
    }

    @Test
    void srtPortsAndRangesKeepTheirOwnAddress() {
        String json = "{\"srt_publish\":{\"port\":9999,\"address\":\"127.0.0.2\",\"latency\":120},\"listeners\":{\"srt\":["
                + "{\"mode\":\"publish\",\"ports\":{\"first\":2345,\"last\":2350},\"address\":\"127.0.0.2\"},"
                + "{\"mode\":\"play\",\"ports\":{\"first\":3000,\"last\":3000}}]}}";
        ServerConfigDefinition c = ServerConfigJson.read(JsonBody.object(json));
        assertEquals(new SrtEndpoint(9999, null, 120, "127.0.0.2"), c.endpoints().get(SrtKind.SRT_PUBLISH));
        assertEquals(List.of(new SrtListenerRange("publish", 2345, 2350, "127.0.0.2"), new SrtListenerRange("play", 3000, 3000)),
                c.listeners());
        assertEquals(c, ServerConfigJson.read(ServerConfigJson.write(c)));
    }

    @Test
    void theRtmpPortRoundTripsAndIsLeftOutWhenNotSet() {
        String json = "{\"listeners\":{\"srt\":[],\"rtmp\":[{\"port\":1936}]}}";
        ServerConfigDefinition c = ServerConfigJson.read(JsonBody.object(json));
        assertEquals(1936, c.rtmpPort());
        assertEquals(json, ServerConfigJson.write(c).toString());
        assertEquals(0, ServerConfigJson.read(JsonBody.object("{\"listeners\":{\"rtmp\":[{\"port\":0}]}}")).rtmpPort());
        assertEquals(null, ServerConfigJson.read(JsonBody.object("{\"listeners\":{\"rtmp\":[]}}")).rtmpPort());
        assertEquals("{\"listeners\":{\"srt\":[]}}", ServerConfigJson.write(ServerConfigDefinition.EMPTY).toString());
    }

    @Test
    void refusesUnknownKeysAndIncompleteListeners() {
        Object[][] cases = {
                {"{\"srt_listen\":{}}", "unknown_key", "srt_listen"},
                {"{\"listeners\":{\"rtsp\":[]}}", "unknown_key", "listeners.rtsp"},
                {"{\"listeners\":{\"rtmp\":[{\"port\":1935},{\"port\":1936}]}}", "invalid_value", "listeners.rtmp"},
                {"{\"listeners\":{\"rtmp\":[{\"address\":\"127.0.0.1\",\"port\":1935}]}}", "unknown_key", "listeners.rtmp[0].address"},
                {"{\"listeners\":{\"rtmp\":[{}]}}", "missing_value", "listeners.rtmp[0].port"},
                {"{\"listeners\":{\"srt\":{}}}", "invalid_type", "listeners.srt"},
                {"{\"listeners\":{\"srt\":[{\"ports\":{\"first\":1,\"last\":2}}]}}", "missing_value", "listeners.srt[0].mode"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"play\",\"ports\":{\"last\":2}}]}}", "missing_value", "listeners.srt[0].ports.first"},
                {"{\"listeners\":{\"srt\":[{\"mode\":\"play\",\"ports\":[1,2]}]}}", "invalid_type", "listeners.srt[0].ports"},
                {"{\"config_external\":true}", "invalid_type", "config_external"},
                {"{\"listeners\":{\"http\":[{\"address\":\"::1\"}]}}", "missing_value", "listeners.http[0].port"},
                {"{\"listeners\":{\"http\":[{\"port\":80,\"tls\":true}]}}", "unknown_key", "listeners.http[0].tls"},
        };
        for (Object[] c : cases) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ServerConfigJson.read(JsonBody.object((String) c[0])), (String) c[0]);
            assertEquals(c[1], e.code(), e.getMessage());
            assertEquals(c[2], e.field(), e.getMessage());
        }
    }

    @Test
    void playbackDefaultsReadWriteAndAuthIsTheOlderNameOfOnPlay() {
        ServerConfigDefinition c = ServerConfigJson.read(JsonBody.object(
                "{\"auth\":\"http://auth.example/check\",\"max_sessions\":500,\"no_auto_token\":true}"));
        assertEquals(new org.openstreamer.ejb.model.PlaybackDefaults("http://auth.example/check", 500, true), c.playback());
        assertEquals("{\"listeners\":{\"srt\":[]},\"on_play\":\"http://auth.example/check\",\"max_sessions\":500,"
                + "\"no_auto_token\":true}", ServerConfigJson.write(c).toString());
        assertEquals(c, ServerConfigJson.read(ServerConfigJson.write(c)));
        assertEquals(org.openstreamer.ejb.model.PlaybackDefaults.NONE, ServerConfigJson.read(JsonBody.object("{}")).playback());
    }
}
