package org.openstreamer.web.rest.openapi;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.HttpListener;
import org.openstreamer.ejb.model.PlaybackDefaults;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtListenerRange;
import org.openstreamer.ejb.model.Backup;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.ejb.validate.InputOption;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The documented shapes name exactly the keys the JSON writers produce: a key added to a stream,
 * an input or the server settings fails here until the OpenAPI record has it too.
 */
class OpenApiSchemaTest {

    static final SrtEndpoint FULL_ENDPOINT = new SrtEndpoint(9001, "passphrase-1", 120);

    /** The JSON-B LOWER_CASE_WITH_UNDERSCORES spelling of a record's components. */
    static Set<String> keys(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theStreamSchemaHasEveryKeyOfTheStreamJson() {
        StreamDefinition full = new StreamDefinition("cam1", StreamOptions.builder().title("Camera").publishEnabled(true)
                .isStatic(false).password("secret").onPublish("http://a/").onPlay("http://b/").maxSessions(10)
                .maxBitrate(5000).thumbnails(true).inputs(List.of(new InputDefinition("publish://", 1, 60, null)))
                .srt(FULL_ENDPOINT).srtPublish(FULL_ENDPOINT).srtPlay(FULL_ENDPOINT)
                .dvr(new DvrConfig("/storage", 86400L, 90, 500_000_000_000L, "8:00-16:00", false))
                .pushes(List.of(new Push("rtmps://b/live/a", 5, 3, false, 10, false))).backup(new Backup("/b.ts"))
                .meta(Json.createObjectBuilder().add("k", "v").build()).rtp("udp").framesTimeout(5)
                .softLimitation(true).domains(List.of("example.com")).build());
        JsonObject json = StreamJson.write(full);
        Set<String> written = new TreeSet<>(json.keySet());
        written.add(StreamJson.STATS);
        Set<String> schema = keys(StreamSchema.class);
        schema.remove("is_static");
        schema.add("static");
        assertEquals(written, schema);
        assertEquals(new TreeSet<>(json.getJsonObject("dvr").keySet()), keys(StreamSchema.DvrSchema.class));
        assertEquals(new TreeSet<>(json.getJsonArray("pushes").getJsonObject(0).keySet()), keys(StreamSchema.PushSchema.class));
        assertEquals(new TreeSet<>(json.getJsonObject("backup").keySet()), keys(StreamSchema.BackupSchema.class));
    }

    @Test
    void theInputSchemaHasTheColumnsAndEveryOption() {
        Set<String> expected = new TreeSet<>(Set.of("url", "priority", "source_timeout"));
        Arrays.stream(InputOption.values()).map(InputOption::key).forEach(expected::add);
        assertEquals(expected, keys(InputSchema.class));
    }

    @Test
    void theEndpointAndServerSchemasHaveEveryKeyOfTheirJson() {
        SrtEndpoint global = new SrtEndpoint(9001, "passphrase-1", 120, "192.0.2.10");
        JsonObject server = ServerConfigJson.write(new ServerConfigDefinition(global, global,
                global, List.of(new SrtListenerRange("publish", 2000, 2100, "192.0.2.10")), "https://backend.example/",
                List.of(new HttpListener("127.0.0.1", 8081)), "http://cdn.example", "key", null,
                new PlaybackDefaults("http://auth.example/", 100, true, java.util.Map.of("main", List.of("allow default")), true)));
        assertEquals(new TreeSet<>(server.keySet()), keys(ServerConfigSchema.class));
        assertEquals(new TreeSet<>(server.getJsonObject("srt").keySet()), keys(ServerConfigSchema.GlobalSrtPort.class));
        assertEquals(new TreeSet<>(server.getJsonObject("listeners").keySet()), keys(ServerConfigSchema.Listeners.class));
        JsonObject listener = server.getJsonObject("listeners").getJsonArray("srt").getJsonObject(0);
        assertEquals(new TreeSet<>(listener.keySet()), keys(ServerConfigSchema.SrtListener.class));
        assertEquals(new TreeSet<>(listener.getJsonObject("ports").keySet()), keys(ServerConfigSchema.PortRange.class));
        JsonObject http = server.getJsonObject("listeners").getJsonArray("http").getJsonObject(0);
        assertEquals(new TreeSet<>(http.keySet()), keys(ServerConfigSchema.HttpListener.class));
    }
}
