package org.openstreamer.web.view;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.validate.ServerConfigValidator;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerSettingsFormTest {

    private static final JsonObject STORED = json("""
            {"srt_publish":{"port":9100,"passphrase":"0123456789abc","latency":200},
             "listeners":{"srt":[{"mode":"publish","ports":{"first":20000,"last":20099},"address":"127.0.0.1"}],
                          "http":[{"address":"127.0.0.1","port":8081}],"rtmp":[{"port":1936}]},
             "config_external":"http://127.0.0.1:12345/config_backend/",
             "url_prefix":"https://cdn.example/","max_sessions":7}""");

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** Through the API's reader and back, as the page does. */
    private static JsonObject roundTrip(JsonObject json) {
        return ServerConfigJson.write(ServerConfigJson.read(json));
    }

    @Test
    void theSettingsSurviveTheFormUnchanged() {
        JsonObject stored = roundTrip(STORED);
        assertEquals(stored, roundTrip(ServerSettingsForm.of(stored).toJson(stored)));
    }

    @Test
    void settingsTheFormDoesNotShowAreTakenFromWhatIsStoredNow() {
        ServerSettingsForm f = ServerSettingsForm.of(roundTrip(STORED));
        f.setRtmpPort("1940");
        JsonObject now = roundTrip(json("{\"url_prefix\":\"https://other.example/\"}"));
        JsonObject saved = roundTrip(f.toJson(now));
        assertEquals("https://other.example/", saved.getString("url_prefix"));
        assertEquals(1940, saved.getJsonObject("listeners").getJsonArray("rtmp").getJsonObject(0).getInt("port"));
        assertEquals(20000, saved.getJsonObject("listeners").getJsonArray("srt").getJsonObject(0)
                .getJsonObject("ports").getInt("first"));
    }

    @Test
    void clearedFieldsRemoveTheirSettings() {
        JsonObject stored = roundTrip(STORED);
        ServerSettingsForm f = ServerSettingsForm.of(stored);
        f.getEndpoints().forEach(e -> {
            e.setPort("");
            e.setPassphrase("");
        });
        f.removeRange(0);
        f.removeHttp(0);
        f.setRtmpPort(" ");
        f.setConfigExternal("");
        JsonObject saved = roundTrip(f.toJson(stored));
        assertEquals(json("{\"listeners\":{\"srt\":[]},\"url_prefix\":\"https://cdn.example/\",\"max_sessions\":7}"), saved);
    }

    @Test
    void badValuesAreRefusedWithTheApisFieldNames() {
        JsonObject stored = roundTrip(STORED);
        ServerSettingsForm f = ServerSettingsForm.of(stored);
        f.getRanges().get(0).setLast("19999");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ServerConfigValidator.validate(ServerConfigJson.read(f.toJson(stored))));
        assertEquals("listeners.srt[0].ports", e.field());

        ServerSettingsForm typo = ServerSettingsForm.of(stored);
        typo.setRtmpPort("19x");
        assertEquals("listeners.rtmp[0].port",
                assertThrows(ConfigException.class, () -> ServerConfigJson.read(typo.toJson(stored))).field());

        ServerSettingsForm http = ServerSettingsForm.of(stored);
        http.addHttp();
        assertEquals("listeners.http[1].port",
                assertThrows(ConfigException.class, () -> ServerConfigJson.read(http.toJson(stored))).field());
    }
}
