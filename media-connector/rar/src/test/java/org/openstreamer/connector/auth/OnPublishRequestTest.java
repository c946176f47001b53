package org.openstreamer.connector.auth;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OnPublishRequestTest {

    @Test
    void theBodyHasTheReferenceFields() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("token", "t1");
        args.put("password", "p\"w\\d\n");
        OnPublishRequest r = new OnPublishRequest("http://b/", "chats/15", "chats", "rtmp", args, "198.51.100.7");
        assertEquals("{\"name\":\"chats/15\",\"location\":\"chats\",\"proto\":\"rtmp\","
                + "\"args\":{\"password\":\"p\\\"w\\\\d\\n\",\"token\":\"t1\"},\"ip\":\"198.51.100.7\"}", r.toJson());
    }

    @Test
    void noArgumentsAreAnEmptyObject() {
        assertEquals("{\"name\":\"cam1\",\"location\":\"cam1\",\"proto\":\"srt\",\"args\":{},\"ip\":null}",
                new OnPublishRequest("http://b/", "cam1", "cam1", "srt", null, null).toJson());
    }
}
