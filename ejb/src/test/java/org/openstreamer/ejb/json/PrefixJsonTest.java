package org.openstreamer.ejb.json;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.model.StreamTemplateDefinition;
import org.openstreamer.ejb.error.ConfigException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrefixJsonTest {

    @Test
    void aPublishLocationTakesTheOptionsOfPublishedStreamsOnly() {
        PublishLocationDefinition l = PublishLocationJson.read(JsonBody.object("{\"prefix\":\"chats\",\"segment_duration\":2,"
                + "\"password\":\"mypass\",\"dvr\":{\"root\":\"/storage\",\"depth\":259200,\"storage_limit\":500000000000},"
                + "\"pushes\":[{\"url\":\"rtmp://cdn/client43/%s\"}],\"srt_publish\":{\"passphrase\":\"securePass\"}}"), "chats");
        assertEquals("chats", l.prefix());
        assertEquals(2, l.options().segmentDuration());
        assertFalse(l.options().isStatic());
        JsonObject written = PublishLocationJson.write(l);
        assertEquals(List.of("prefix", "disabled", "password", "srt_publish", "segment_duration", "segment_count", "dvr",
                "pushes", "meta"), List.copyOf(written.keySet()));
        assertEquals(l, PublishLocationJson.read(written, "chats"));
        for (String key : List.of("inputs", "static", "publish_enabled", "clients_timeout", "retry_limit", "name")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> PublishLocationJson.read(JsonBody.object("{\"" + key + "\":null,\"x\":1}".replace(",\"x\":1", "")
                            .replace("null", "1")), "chats"), key);
            assertEquals(key.equals("name") ? "unknown_key" : "invalid_value", e.code(), key);
            assertEquals(key, e.field());
        }
        assertEquals("prefix", assertThrows(ConfigException.class,
                () -> PublishLocationJson.read(JsonBody.object("{\"prefix\":\"other\"}"), "chats")).field());
    }

    @Test
    void aTemplateHasANameAPrefixAndEveryOptionButStatic() {
        StreamTemplateDefinition t = StreamTemplateJson.read(JsonBody.object("{\"prefix\":\"nsk\","
                + "\"inputs\":[{\"url\":\"rtsp://streamer:555/%s\"}],\"clients_timeout\":20}"), "nsk");
        assertEquals("nsk", t.prefix());
        assertEquals(20, t.options().clientsTimeout());
        assertFalse(t.options().isStatic(), "template streams are on demand");
        JsonObject written = StreamTemplateJson.write(t);
        assertEquals(List.of("name", "prefix", "disabled", "publish_enabled", "clients_timeout", "retry_limit", "inputs",
                "segment_duration", "segment_count", "pushes", "meta"), List.copyOf(written.keySet()));
        assertEquals(t, StreamTemplateJson.read(written, "nsk"));
        assertEquals("static", assertThrows(ConfigException.class,
                () -> StreamTemplateJson.read(JsonBody.object("{\"prefix\":\"nsk\",\"static\":true}"), "nsk")).field());
        JsonRead<StreamTemplateDefinition> lenient = StreamTemplateJson.readLenient(
                JsonBody.object("{\"prefix\":\"nsk\",\"static\":true}"), "nsk");
        assertEquals(List.of("static"), lenient.ignored());
    }
}
