package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /openapi}: the document WildFly generates from the JAX-RS classes, reachable at the root
 * (not taken for a playback URL), in JSON and YAML, with the stream paths, the whole stream shape
 * in snake_case, HTTP Basic security and the tags.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(21)
class OpenApiIT {

    static final String API = "/streamer/api/v3";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    static HttpResponse<String> openapi(String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri("/openapi"));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return Http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Set<String> properties(JsonObject schemas, String schema) {
        return schemas.getJsonObject(schema).getJsonObject("properties").keySet();
    }

    @Test
    void theDocumentDescribesTheStreamApi() throws Exception {
        HttpResponse<String> r = openapi("application/json");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject doc = Http.object(r);
        assertTrue(doc.getString("openapi").startsWith("3."), doc.getString("openapi"));
        assertEquals("OpenStreamer API", doc.getJsonObject("info").getString("title"));

        JsonObject paths = doc.getJsonObject("paths");
        for (String path : List.of("/streams", "/streams/{name}", "/streams/{name}/restart",
                "/streams/{name}/switch_source", "/streams/{name}/health", "/config", "/server", "/engine", "/events")) {
            assertTrue(paths.containsKey(API + path), "no path " + path + " in " + paths.keySet());
        }
        JsonObject stream = paths.getJsonObject(API + "/streams/{name}");
        assertTrue(stream.keySet().containsAll(Set.of("get", "put", "patch", "delete")), stream.keySet().toString());
        assertTrue(paths.getJsonObject(API + "/streams/{name}/restart").containsKey("post"));
        assertTrue(paths.getJsonObject(API + "/config").keySet().containsAll(Set.of("get", "put", "patch")),
                paths.getJsonObject(API + "/config").keySet().toString());
        assertTrue(paths.getJsonObject(API + "/streams/{name}/health").getJsonObject("get")
                .getJsonObject("responses").containsKey("424"));
        assertEquals("streams", stream.getJsonObject("get").getJsonArray("tags").getString(0));

        JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
        assertTrue(properties(schemas, "Stream").containsAll(Set.of("name", "title", "disabled", "publish_enabled",
                "inputs", "srt", "srt_publish", "srt_play", "segment_duration", "segment_count", "meta", "stats")),
                schemas.getJsonObject("Stream").toString());
        assertTrue(properties(schemas, "Input").containsAll(Set.of("url", "priority", "source_timeout", "user_agent")));
        assertEquals(Set.of("port", "passphrase", "latency"), properties(schemas, "SrtEndpoint"));
        assertTrue(properties(schemas, "ServerConfig").containsAll(Set.of("srt_publish", "listeners", "config_external")));
        assertEquals(Set.of("error", "field", "message", "line", "column", "errors"), properties(schemas, "Error"));
        assertTrue(properties(schemas, "StreamStats").containsAll(Set.of("alive", "last_frame_age_ms", "input_kbit",
                "client_count", "media_info")));
        assertTrue(properties(schemas, "StreamHealth").containsAll(Set.of("alive", "last_frame_age_ms")));

        JsonObject basic = doc.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("basic");
        assertEquals("http", basic.getString("type"));
        assertEquals("basic", basic.getString("scheme"));
        assertTrue(doc.getJsonArray("security").getJsonObject(0).containsKey("basic"));
    }

    @Test
    void yamlByDefault() throws Exception {
        HttpResponse<String> r = openapi(null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("---") || r.body().startsWith("openapi:"), r.body().substring(0, 80));
        assertTrue(r.body().contains("openapi: 3."), r.body().substring(0, 80));
        assertTrue(r.body().contains(API + "/streams/{name}/switch_source"));

        HttpResponse<String> json = Http.send(
                HttpRequest.newBuilder(Http.uri("/openapi?format=JSON")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(Http.object(json).getString("openapi").startsWith("3."));
    }
}
