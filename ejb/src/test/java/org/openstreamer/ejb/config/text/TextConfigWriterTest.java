package org.openstreamer.ejb.config.text;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtListenerRange;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamOptions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.ejb.config.text.ConfigTextReaderTest.json;

/** Export to text and import back: the same JSON, the same stored definitions. */
class TextConfigWriterTest {

    /** Every key of the full shape, with values that need quoting and units. */
    static final String FULL = """
            {"name":"live/cam 1","static":false,"title":"Camera \\"1\\"; main #1","disabled":true,"publish_enabled":true,
             "inputs":[{"url":"publish://"},
                       {"url":"tshttp://10.0.4.5:9000/ch5","priority":1,"source_timeout":61,"user_agent":"Custom Agent v1.2",
                        "headers":{"Referer":"https://a.example/x y"},"tracks":[1,2],"program":21,"pids":[45,46],
                        "allow_subtitles":false,"bypass_nit":true}],
             "srt":{"port":9000},"srt_publish":{"port":9001,"passphrase":"pass with spaces","latency":200},
             "srt_play":{"passphrase":"play-secret"},
             "dvr":{"root":"/storage","depth":432000,"disk_limit":90,"storage_limit":1500000000,"schedule":"8:00-16:00,22-1:30","offline":true},
             "pushes":[{"url":"rtmp://cdn/live/cam1","retry_timeout":10,"retry_limit":5,"timeout":30,"disabled":true},
                       {"url":"udp://239.0.0.1:1234?cbr=2200&pcr=20"},{"url":"rtmps://cdn/live/cam2","tls_verify":false}],
             "segment_duration":6,"segment_count":5,"thumbnails":true,"on_publish":"http://backend/publish","on_play":"https://backend/play",
             "max_sessions":1000,"soft_limitation":true,"domains":["myhost.com","*.myhost.com"],"max_bitrate":4000,"password":"secret","backup":"vod/blank.mp4","retry_limit":9,
             "clients_timeout":20,"meta":{"owner":"studio 2","n":5,"list":[1,"a"],"nested":{"k":null}}}
            """;

    static ImportedConfig readBack(String text) {
        return ConfigTextReader.read(text).orThrow();
    }

    @Test
    void theFullShapeSurvivesARoundTrip() {
        JsonObject full = (JsonObject) json(FULL);
        String text = new TextConfigWriter().stream(full).text();
        assertEquals(full, readBack(text).streams().get(0).json(), text);
    }

    @Test
    void theTextIsWrittenTheWayPeopleWriteIt() {
        JsonObject stream = (JsonObject) json("""
                {"name":"cam1","title":"Camera 1","inputs":[{"url":"publish://"},{"url":"rtsp://cam/1","priority":2}],
                 "srt_publish":{"port":9001,"latency":120},"srt_play":{"port":9003,"passphrase":"securePass1","latency":120},
                 "dvr":{"root":"/storage","depth":432000,"disk_limit":90},"segment_duration":4,"segment_count":4,
                 "disabled":false,"publish_enabled":false,"meta":{}}
                """);
        assertEquals("""
                stream cam1 {
                  title "Camera 1";
                  input publish://;
                  input rtsp://cam/1 priority=2;
                  srt_publish 9001;
                  srt_play {
                    port 9003;
                    passphrase securePass1;
                  }
                  dvr /storage 5d 90%;
                }
                """, new TextConfigWriter().stream(stream).text());
    }

    /** The API writes every default out; the export leaves each of them out, and reads back the same. */
    @Test
    void defaultsAreLeftOut() {
        JsonObject stream = StreamJson.write(StreamJson.read((JsonObject) json("""
                {"inputs":[{"url":"publish://"},{"url":"rtsp://cam/1","source_timeout":60}],"srt_publish":{},
                 "srt_play":{"passphrase":"securePass1"},"pushes":[{"url":"rtmp://cdn/live/cam1"}]}
                """), "cam1"));
        assertEquals(10, stream.getInt("retry_limit"));
        assertEquals(60, stream.getInt("clients_timeout"));
        assertEquals(60, stream.getJsonArray("inputs").getJsonObject(0).getInt("source_timeout"));
        assertEquals(5, stream.getJsonArray("pushes").getJsonObject(0).getInt("retry_timeout"));
        String text = new TextConfigWriter().stream(stream).text();
        assertEquals("""
                stream cam1 {
                  input publish://;
                  input rtsp://cam/1;
                  srt_publish;
                  srt_play {
                    passphrase securePass1;
                  }
                  push rtmp://cdn/live/cam1;
                }
                """, text);
        ImportCheck.Checked back = ImportCheck.check(ConfigTextReader.read(text));
        assertEquals(StreamJson.read(stream, "cam1"), back.streams().get(0).definition(), text);
    }

    @Test
    void theServerSettingsSurviveARoundTrip() {
        JsonObject server = (JsonObject) json("""
                {"listeners":{"http":[{"port":80},{"address":"127.0.0.1","port":8080}],"https":[{"address":"::1","port":443}],
                              "srt":[{"mode":"publish","ports":{"first":2345,"last":12344}},{"mode":"play","ports":{"first":9000,"last":9000}},
                                     {"mode":"publish","ports":{"first":30000,"last":30099},"address":"192.0.2.10"}]},
                 "srt":{"port":9998},"srt_publish":{"port":9999,"passphrase":"global secret"},
                 "srt_play":{"port":9997,"address":"127.0.0.2"},
                 "config_external":"http://127.0.0.1:12345/config_backend/","url_prefix":"http://cdn.example:8080",
                 "cluster_key":"samekeyforall","on_play":"auth://main","max_sessions":20000,
                 "no_auto_token":true,"soft_limitation":true,
                 "auth_backends":{"main":["allow ip 10.10/16","deny ua \\\"Mozilla/5.0 (Windows; U)\\\"","backend http://a/auth",
                                          "allow default"],"lan":["allow ip 2001:db8::/32"]}}
                """);
        String text = new TextConfigWriter().server(server).text();
        assertEquals(server, readBack(text).server().json(), text);
        assertTrue(text.startsWith("http 80;\nhttp 127.0.0.1:8080;\nhttps [::1]:443;\nlisteners {\n  srt publish 2345-12344;\n"
                + "  srt play 9000;\n  srt publish 192.0.2.10:30000-30099;\n}\nsrt 9998;\n"), text);
    }

    @Test
    void definitionsStoredTodayComeBackEqualThroughTheApisReaders() {
        StreamDefinition d = new StreamDefinition("cam1", StreamOptions.builder().title("Camera 1").disabled(true)
                .publishEnabled(true).inputs(List.of(new InputDefinition("publish://", null, null, null),
                        new InputDefinition("tshttp://a/b", 3, 20, (JsonObject) json("{\"user_agent\":\"VLC 3\",\"headers\":{\"X-A\":\"b c\"},"
                                + "\"pids\":[1,2],\"skip_stalled_check\":true}"))))
                .srt(new SrtEndpoint(9000, "0123456789ab", 300)).srtPublish(new SrtEndpoint(0, "securePass", 120))
                .srtPlay(new SrtEndpoint(9003, null, 120)).segmentDuration(4).segmentCount(7)
                .meta((JsonObject) json("{\"k\":\"v\",\"n\":1.5,\"o\":{\"a\":[true]}}")).build());
        ServerConfigDefinition s = new ServerConfigDefinition(new SrtEndpoint(9998, null, 120),
                new SrtEndpoint(9999, "global-secret", 250), null,
                List.of(new SrtListenerRange("publish", 2345, 12344)), "http://127.0.0.1:12345/config_backend/");
        String text = new TextConfigWriter().server(ServerConfigJson.write(s)).stream(StreamJson.write(d)).text();
        ImportCheck.Checked back = ImportCheck.check(ConfigTextReader.read(text));
        assertEquals(d, back.streams().get(0).definition(), text);
        assertEquals(s, ServerConfigJson.read(back.server().json()), text);
    }

    @Test
    void publishLocationsTemplatesAndUnknownKeys() {
        JsonObject live = (JsonObject) json("{\"prefix\":\"chats\",\"on_publish\":\"http://a/p\"}");
        JsonObject template = (JsonObject) json("{\"name\":\"nsk\",\"prefix\":\"nsk\",\"inputs\":[{\"url\":\"rtsp://streamer:555/%s\"}]}");
        String text = new TextConfigWriter().live(live).template(template).text();
        ImportedConfig back = readBack(text);
        assertEquals(live, back.live().get(0).json());
        assertEquals(template, back.templates().get(0).json());
        String unknown = new TextConfigWriter().stream((JsonObject) json("{\"name\":\"a\",\"cache\":{\"kind\":\"ram\"}}")).text();
        assertEquals("stream a {\n  # not expressible in the text format: \"cache\": {\"kind\":\"ram\"}\n}\n", unknown);
    }
}
