package org.openstreamer.ejb.json;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.NotifySink;
import org.openstreamer.ejb.validate.NotifySinkValidator;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NotifySinkJsonTest {

    private static NotifySink read(String json) {
        return NotifySinkJson.read(JsonBody.object(json), "hooks");
    }

    private static ConfigException refused(String json) {
        return assertThrows(ConfigException.class, () -> NotifySinkValidator.validate(read(json)));
    }

    @Test
    void readsRulesWithOneOrSeveralValuesAndWritesThemAsLists() {
        NotifySink s = read("{\"sink\":\"http://backend.local/notify\",\"only\":[{\"event\":[\"publish_started\","
                + "\"publish_stopped\"],\"media\":\"cbc\"}],\"except\":[{\"media\":\"*\"}],\"sign_key\":\"k\"}");
        assertEquals(List.of(Map.of("event", List.of("publish_started", "publish_stopped"), "media", List.of("cbc"))), s.only());
        assertEquals(List.of(Map.of("media", List.of("*"))), s.except());
        assertEquals("debug", s.verbose());
        NotifySinkValidator.validate(s);
        assertEquals(s, NotifySinkJson.read(NotifySinkJson.write(s), "hooks"), "round trip");
        assertEquals("[{\"event\":[\"publish_started\",\"publish_stopped\"],\"media\":[\"cbc\"]}]",
                NotifySinkJson.write(s).get("only").toString());
    }

    @Test
    void badInputGetsAClearError() {
        assertEquals("unknown_key", assertThrows(ConfigException.class,
                () -> read("{\"sink\":\"http://a/\",\"buffer\":false}")).code());
        assertEquals("name_mismatch", assertThrows(ConfigException.class,
                () -> read("{\"name\":\"other\",\"sink\":\"http://a/\"}")).code());
        assertEquals("only[0]", assertThrows(ConfigException.class,
                () -> read("{\"sink\":\"http://a/\",\"only\":[\"event=x\"]}")).field());
        assertEquals("only[0].event", assertThrows(ConfigException.class,
                () -> read("{\"sink\":\"http://a/\",\"only\":[{\"event\":[1]}]}")).field());
        assertEquals("missing_value", refused("{}").code());
        assertEquals("sink", refused("{\"sink\":\"/etc/handler.lua\"}").field());
        assertEquals("sink", refused("{\"sink\":\"log:///var/log/x.log\"}").field(), "absolute");
        assertEquals("sink", refused("{\"sink\":\"log://../x.log\"}").field(), "outside the log folder");
        assertEquals("sink", refused("{\"sink\":\"log://events/a\\u0000b.log\"}").field(), "a NUL in the file name");
        assertEquals("sink", refused("{\"sink\":\"http:///nohost\"}").field());
        assertEquals("verbose", refused("{\"sink\":\"http://a/\",\"verbose\":\"loud\"}").field());
        assertEquals("sign_key", refused("{\"sink\":\"http://a/\",\"sign_key\":\"\"}").field());
        assertEquals("only[0]", refused("{\"sink\":\"http://a/\",\"only\":[{}]}").field());
        assertEquals("name", assertThrows(ConfigException.class, () -> NotifySinkValidator.validate(
                new NotifySink("bad name", "http://a/", null, null, null, null))).field());
    }
}
