package org.openstreamer.ejb.config.text;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mapping of the text format to the JSON shape, directive by directive. */
class ConfigTextReaderTest {

    static JsonValue json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readValue();
        }
    }

    static ImportedConfig read(String text) {
        return ConfigTextReader.read(text);
    }

    static JsonObject stream(String text) {
        ImportedConfig c = read(text).orThrow();
        assertEquals(1, c.streams().size(), text);
        return c.streams().get(0).json();
    }

    static Problem onlyProblem(String text) {
        List<Problem> problems = read(text).problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void aStreamWithEveryKeyOfTheShape() {
        JsonObject s = stream("""
                stream cam1 {
                  title "Camera 1";
                  input publish://;
                  input tshttp://10.0.4.5:9000/ch5 priority=1 source_timeout=2m user_agent="VLC 3" header.Referer=https://a.example;
                  srt_publish 9001 passphrase=securePass latency=200;
                  srt_play 9003;
                  dvr /storage 90% 5d 500G schedule=8:00-16:00,22-1:30;
                  push rtmp://cdn/live/cam1 retry_timeout=10 retry_limit=5 timeout=30 disabled;
                  segment_duration 6;
                  segment_count 5;
                  on_publish http://backend/publish;
                  on_play https://backend/play;
                  max_sessions 1000;
                  max_bitrate 4000;
                  password secret;
                  backup vod/blank.mp4;
                  retry_limit 10;
                  clients_timeout 20;
                  meta owner "studio 2";
                  publish_enabled;
                  disabled;
                }
                """);
        assertEquals(json("""
                {"name":"cam1","title":"Camera 1",
                 "inputs":[{"url":"publish://"},
                           {"url":"tshttp://10.0.4.5:9000/ch5","priority":1,"source_timeout":120,"user_agent":"VLC 3",
                            "headers":{"Referer":"https://a.example"}}],
                 "srt_publish":{"port":9001,"passphrase":"securePass","latency":200},"srt_play":{"port":9003},
                 "dvr":{"root":"/storage","disk_limit":90,"depth":432000,"storage_limit":500000000000,
                        "schedule":"8:00-16:00,22-1:30"},
                 "pushes":[{"url":"rtmp://cdn/live/cam1","retry_timeout":10,"retry_limit":5,"timeout":30,"disabled":true}],
                 "segment_duration":6,"segment_count":5,"on_publish":"http://backend/publish","on_play":"https://backend/play",
                 "max_sessions":1000,"max_bitrate":4000,"password":"secret","backup":"vod/blank.mp4","retry_limit":10,
                 "clients_timeout":20,"meta":{"owner":"studio 2"},"publish_enabled":true,"disabled":true}
                """), s);
    }

    @Test
    void dvrOptionsComeInAnyOrderAndOfflineIsAFlag() {
        assertEquals(json("{\"root\":\"/storage\",\"depth\":259200,\"storage_limit\":500000000000}"),
                stream("live recorded { dvr /storage 3d 500G; }".replace("live recorded", "stream recorded")).get("dvr"));
        assertEquals(json("{\"root\":\"/storage\",\"depth\":1728000,\"offline\":true}"),
                stream("stream ort { dvr_offline /storage 20d; }").get("dvr"));
        assertEquals(json("{\"root\":\"/storage\",\"depth\":21600,\"disk_limit\":90,\"storage_limit\":10000000000,\"schedule\":\"8:00-16:00\"}"),
                stream("stream c { dvr /storage 6h 90% 10G schedule=8:00-16:00; }").get("dvr"));
    }

    @Test
    void dvrValuesThatCannotBeReadAreRefusedAtTheirToken() {
        Problem p = onlyProblem("stream c {\n  dvr /storage 5d 7d;\n}");
        assertEquals("Invalid value at line 2, column 19: '7d' sets depth again (already set at line 2, column 16).", p.message());
        assertEquals("streams[c].dvr", p.field());
        p = onlyProblem("stream c { dvr /storage schedule=8-25; }");
        assertTrue(p.message().startsWith("Invalid value at line 1, column 25: a schedule is UTC intervals"), p.message());
        p = onlyProblem("stream c { dvr; }");
        assertTrue(p.message().contains("'dvr' needs a storage root"), p.message());
        assertEquals("Unsupported option 'replicate' of 'dvr' at line 1, column 28: archive replication between servers "
                + "is not supported.", onlyProblem("stream c { dvr /storage 7d replicate; }").message());
        p = onlyProblem("stream c { dvr /storage 5d; dvr_offline /storage 1d; }");
        assertTrue(p.message().contains("dvr is already set at line 1, column 12"), p.message());
    }

    @Test
    void srtEndpointsInShortInlineAndBlockForms() {
        JsonObject s = stream("""
                stream cam1 {
                  srt 9000;
                  srt_publish passphrase="secure pass 1";
                  srt_play {
                    port 9003;
                    latency 300;
                    passphrase "play-secret";
                  }
                }
                """);
        assertEquals(json("{\"port\":9000}"), s.get("srt"));
        assertEquals(json("{\"passphrase\":\"secure pass 1\"}"), s.get("srt_publish"));
        assertEquals(json("{\"port\":9003,\"latency\":300,\"passphrase\":\"play-secret\"}"), s.get("srt_play"));
        assertEquals("Unsupported option 'mode' of 'srt' at line 1, column 24.",
                onlyProblem("stream cam1 { srt 9000 mode=listener; }").message());
        assertTrue(onlyProblem("stream cam1 { srt nine; }").message().startsWith(
                "Invalid value at line 1, column 19: port is a whole number"));
    }

    @Test
    void inputOptionsAreTypedAndUnknownOnesRefused() {
        JsonObject input = stream("stream ort { url tshttp://source:8080/stream program=21 pids=45,0x2e,47 tracks=1,2 "
                + "allow_subtitles=false bypass_nit dvbsubs_ocr=true skip_stalled_check=true; }")
                .getJsonArray("inputs").getJsonObject(0);
        assertEquals(json("{\"url\":\"tshttp://source:8080/stream\",\"program\":21,\"pids\":[45,46,47],\"tracks\":[1,2],"
                + "\"allow_subtitles\":false,\"bypass_nit\":true,\"dvbsubs_ocr\":true,\"skip_stalled_check\":true}"), input);
        assertEquals("Unsupported option 'mbr' of 'url' at line 1, column 31.",
                onlyProblem("stream ort { url tshttp://a/b mbr=1; }").message());
        assertEquals("Invalid value at line 1, column 42: option priority is given twice.",
                onlyProblem("stream ort { url tshttp://a/b priority=1 priority=2; }").message());
        assertTrue(onlyProblem("stream ort { url tshttp://a/b priority=high; }").message()
                .contains("priority is a whole number"));
        assertEquals(json("[{\"url\":\"udp://239.0.0.1:1234\"},{\"url\":\"udp://239.0.0.2:1234\"}]"),
                stream("stream ort { urls udp://239.0.0.1:1234 udp://239.0.0.2:1234; }").get("inputs"));
    }

    @Test
    void streamLevelInputSettingsBecomeEachInputsDefault() {
        JsonObject s = stream("stream cam1 {\n  source_timeout 10;\n  tracks 1;\n  url rtsp://a/1;\n  url rtsp://b/1 source_timeout=30;\n}");
        assertEquals(json("[{\"url\":\"rtsp://a/1\",\"source_timeout\":10,\"tracks\":[1]},"
                + "{\"url\":\"rtsp://b/1\",\"source_timeout\":30,\"tracks\":[1]}]"), s.get("inputs"));
        ImportedConfig c = read("live chats {\n  source_timeout 10;\n}");
        assertEquals(List.of(), c.problems());
        assertEquals("source_timeout at line 2, column 3 ignored: the block has no inputs.", c.warnings().get(0).message());
        assertEquals(json("{\"prefix\":\"chats\"}"), c.live().get(0).json());
    }

    @Test
    void pushesAndTheLegacyUdpOutput() {
        ImportedConfig c = read("stream ort {\n  push udp://239.0.0.1:1234?tracks=v2a4;\n  udp 239.0.0.1:5001?ttl=8;\n}");
        assertEquals(json("[{\"url\":\"udp://239.0.0.1:1234?tracks=v2a4\"},{\"url\":\"udp://239.0.0.1:5001?ttl=8\"}]"),
                c.orThrow().streams().get(0).json().get("pushes"));
        assertEquals("Legacy directive 'udp' at line 3, column 3 read as 'push udp://239.0.0.1:5001?ttl=8'.",
                c.warnings().get(0).message());
        assertEquals(Problem.LEGACY_CONVERTED, c.warnings().get(0).code());
        assertEquals("Unsupported option 'multicast_loop' of 'udp' at line 1, column 33.",
                onlyProblem("stream ort { udp 239.0.0.1:5001 multicast_loop; }").message());
    }

    @Test
    void streamKindsPublishLocationsAndTemplates() {
        ImportedConfig c = read("""
                ondemand ipcam { url rtsp://192.168.0.1/channel/101; retry_limit 10; client_timeout 20; }
                live chats { publish_enabled; password mypass; }
                template nsk { prefix nsk; input rtsp://streamer:555/%s; }
                rewrite ams/* { url hls://ams-origin:8080/%s/index.m3u8; }
                """).orThrow();
        assertEquals(json("{\"name\":\"ipcam\",\"static\":false,\"inputs\":[{\"url\":\"rtsp://192.168.0.1/channel/101\"}],"
                + "\"retry_limit\":10,\"clients_timeout\":20}"), c.streams().get(0).json());
        assertEquals(json("{\"prefix\":\"chats\",\"password\":\"mypass\"}"), c.live().get(0).json());
        assertEquals("'publish_enabled' at line 2, column 14 ignored: a publish location always takes publishers.",
                c.warnings().get(0).message());
        assertEquals(json("{\"name\":\"nsk\",\"prefix\":\"nsk\",\"inputs\":[{\"url\":\"rtsp://streamer:555/%s\"}]}"),
                c.templates().get(0).json());
        assertEquals(json("{\"name\":\"ams\",\"prefix\":\"ams\",\"inputs\":[{\"url\":\"hls://ams-origin:8080/%s/index.m3u8\"}]}"),
                c.templates().get(1).json());
        assertEquals("live[chats]", c.live().get(0).prefix());
        assertEquals("Unsupported directive 'prefix' at line 1, column 15.", onlyProblem("stream cam1 { prefix x; }").message());
        assertTrue(onlyProblem("rewrite nsk { url rtsp://a/%s; }").message().contains("ending in /*"));
    }

    @Test
    void globalListenersSrtPortsAndBackend() {
        ImportedConfig c = read("""
                http 80;
                http 127.0.0.1:8080;
                https [::1]:443;
                rtmp 1935;
                srt 9998;
                srt_publish { port 9999; passphrase global-secret; }
                listeners {
                  srt publish 2345-12344;
                  srt play 20000;
                }
                config_external http://127.0.0.1:12345/config_backend/;
                url_prefix http://my.domain.address.com:8080;
                cluster_key samekeyforall;
                """).orThrow();
        assertEquals(json("""
                {"listeners":{"http":[{"port":80},{"address":"127.0.0.1","port":8080}],
                              "https":[{"address":"::1","port":443}],"rtmp":[{"port":1935}],
                              "srt":[{"mode":"publish","ports":{"first":2345,"last":12344}},
                                     {"mode":"play","ports":{"first":20000,"last":20000}}]},
                 "srt":{"port":9998},"srt_publish":{"port":9999,"passphrase":"global-secret"},
                 "config_external":"http://127.0.0.1:12345/config_backend/",
                 "url_prefix":"http://my.domain.address.com:8080","cluster_key":"samekeyforall"}
                """), c.server().json());
        assertTrue(onlyProblem("http eighty;").message().startsWith("Invalid value at line 1, column 6: 'http' takes a port"));
        assertEquals("Unsupported directive 'mysql' at line 1, column 13: a listeners block holds 'srt MODE FIRST-LAST;' "
                + "and http, https, rtmp, rtmps, rtsp, rtsps ports.", onlyProblem("listeners { mysql 3306; }").message());
    }

    @Test
    void everyUnsupportedDirectiveIsListedAndReadingGoesOn() {
        ImportedConfig c = read("""
                edit_auth admin letmein;
                stream ort {
                  url udp://239.0.0.1:1234;
                  transcoder vb=1000k;
                  add_audio_only;
                  dvr /storage 3d;
                }
                file vod { path /storage; }
                """);
        assertEquals(List.of(
                "Unsupported directive 'edit_auth' at line 1, column 1: accounts are kept in the users table, not in the configuration.",
                "Unsupported directive 'transcoder' at line 4, column 3: this server does not transcode.",
                "Unsupported directive 'add_audio_only' at line 5, column 3.",
                "Unsupported directive 'file' at line 8, column 1: VOD locations are not supported."),
                c.problems().stream().map(Problem::message).toList());
        assertEquals(List.of("server.edit_auth", "streams[ort].transcoder", "streams[ort].add_audio_only", "server.file"),
                c.problems().stream().map(Problem::field).toList());
        assertEquals(Problem.UNSUPPORTED_DIRECTIVE, c.problems().get(0).code());
        assertEquals(1, c.streams().size(), "the stream is still read, for the rest of the check");
        assertTrue(c.streams().get(0).json().containsKey("dvr"));
    }

    @Test
    void legacyDirectivesAreDroppedWithAWarning() {
        ImportedConfig c = read("stream ort {\n  url udp://239.0.0.1:1234;\n  hds off;\n  no_prepush;\n}");
        assertEquals(List.of(), c.problems());
        assertEquals(List.of(
                "Legacy directive 'hds' at line 3, column 3 ignored: HDS (Flash) is not served.",
                "Legacy directive 'no_prepush' at line 4, column 3 ignored: the older spelling of 'prepush 0'; "
                        + "this server sends no prepush buffer."), c.warnings().stream().map(Problem::message).toList());
    }

    @Test
    void repeatedSettingsAndNamesAreRefused() {
        assertEquals("Invalid value at line 3, column 3: title is already set at line 2, column 3.", onlyProblem("stream a {\n  title one;\n  title two;\n}").message());
        assertEquals("Invalid value at line 2, column 1: streams 'a' is defined twice (first at line 1, column 1).",
                onlyProblem("stream a { }\nondemand a { }").message());
        assertTrue(onlyProblem("stream a b { }").message().contains("takes one name and a block"));
        assertTrue(onlyProblem("stream a;").message().contains("takes one name and a block"));
        assertTrue(onlyProblem("stream a { disabled yes; }").message().contains("'disabled' takes no value"));
        assertTrue(onlyProblem("stream a { title { } }").message().contains("takes no { ... } block"));
    }

    @Test
    void backendsAreHttpUrlsOnlyAndAuthIsTheOlderOnPlay() {
        assertEquals("http://backend/", stream("stream a { auth http://backend/; }").getString("on_play"));
        assertEquals("Unsupported directive 'on_publish' at line 1, column 12: only http:// and https:// backends are "
                        + "supported, not '/etc/flussonic/publish.lua'.",
                onlyProblem("stream a { on_publish /etc/flussonic/publish.lua; }").message());
    }

    @Test
    void globalPlaybackDefaults() {
        ImportedConfig c = read("""
                auth http://127.0.0.1:8000/auth;
                max_sessions 20000;
                no_auto_token;
                """).orThrow();
        assertEquals(json("""
                {"on_play":"http://127.0.0.1:8000/auth","max_sessions":20000,"no_auto_token":true}
                """), c.server().json());
        assertEquals("http://b/", read("on_play http://b/;").orThrow().server().json().getString("on_play"));
        assertTrue(onlyProblem("max_sessions many;").message().contains("max_sessions"));
        assertEquals("securetoken://KEY", read("auth securetoken://KEY;").orThrow().server().json().getString("on_play"));
        assertTrue(onlyProblem("auth /etc/auth.lua;").message().contains("only http:// and https://"));
    }

    @Test
    void softLimitationAfterTheBackendAndDomains() {
        JsonObject s = stream("""
                stream foobar {
                  auth http://localhost:8081/my_auth_script.php soft_limitation=true;
                  domains myhost.com *.myhost.com;
                }
                """);
        assertEquals("http://localhost:8081/my_auth_script.php", s.getString("on_play"));
        assertEquals(JsonValue.TRUE, s.get("soft_limitation"));
        assertEquals(json("[\"myhost.com\",\"*.myhost.com\"]"), s.get("domains"));
        assertEquals(json("[\"host.com\"]"), stream("stream a { domain host.com; }").get("domains"));
        assertEquals(JsonValue.FALSE, stream("stream a { soft_limitation false; }").get("soft_limitation"));
        assertEquals(JsonValue.TRUE, stream("stream a { auth auth://main soft_limitation; }").get("soft_limitation"));
        assertEquals(JsonValue.TRUE, read("auth http://b/ soft_limitation=true;").orThrow().server().json().get("soft_limitation"));
        assertTrue(onlyProblem("stream a { auth http://b/ timeout=3; }").message().contains("soft_limitation"));
        assertTrue(onlyProblem("stream a { soft_limitation maybe; }").message().contains("true, false"));
        assertTrue(onlyProblem("stream a { domains; }").message().contains("host names"));
    }

    @Test
    void authBackendBlocksBecomeNamedRuleListsAndStreamsNameThem() {
        ImportedConfig c = read("""
                auth_backend main {
                  allow ip 172.16/24;
                  deny ua "Mozilla/5.0 (Windows; U)";
                  backend http://127.0.0.1/auth;
                  allow default;
                }
                stream ort { url udp://239.255.0.1:1234; auth auth://main; }
                """).orThrow();
        assertEquals(json("""
                {"auth_backends":{"main":["allow ip 172.16/24","deny ua \\\"Mozilla/5.0 (Windows; U)\\\"",
                 "backend http://127.0.0.1/auth","allow default"]}}
                """), c.server().json());
        assertEquals("auth://main", c.streams().get(0).json().getString("on_play"));
        Problem country = onlyProblem("auth_backend geo { allow country RU US; }");
        assertTrue(country.message().contains("line 1") && country.message().contains("GeoIP"), country.message());
        assertTrue(onlyProblem("auth_backend a { allow ip 10.0.0.0/33; }").message().contains("prefix length"));
        assertTrue(onlyProblem("auth_backend a { } auth_backend a { }").message().contains("already set"));
        assertTrue(onlyProblem("auth_backend a.b { }").message().contains("name"));
    }

    @Test
    void metaHoldsStringsAndJsonValues() {
        assertEquals(json("{\"program_id\":\"10\",\"count\":5,\"tags\":[\"a\",\"b\"]}"),
                stream("stream a { meta program_id \"10\"; meta count 5 json; meta tags \"[\\\"a\\\",\\\"b\\\"]\" json; }").get("meta"));
        assertTrue(onlyProblem("stream a { meta x; }").message().contains("meta takes a name and a value"));
        assertTrue(onlyProblem("stream a { meta x \"{bad\" json; }").message().contains("is JSON text"));
    }
}
