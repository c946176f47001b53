package org.openstreamer.connector.engine;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.Publishing;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.api.StreamTemplateConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * on_publish as the engine applies it to HTTP MPEG-TS publishers: the backend of a stream, publish
 * location or template is asked with the location it was configured on; a refusal starts nothing.
 */
class EngineOnPublishTest {

    private final List<MediaEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer backend;
    private Engine engine;

    @BeforeEach
    void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", e -> {
            String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(body);
            byte[] reason = "not you".getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().add("Content-Type", "text/plain");
            if (body.contains("denied")) {
                e.sendResponseHeaders(403, reason.length);
                e.getResponseBody().write(reason);
            } else {
                e.sendResponseHeaders(200, -1);
            }
            e.close();
        });
        backend.start();
        String url = "http://127.0.0.1:" + backend.getAddress().getPort() + "/publish";
        engine = new Engine(events::add);
        engine.applyStreams(
                List.of(StreamConfig.builder("studio").isStatic(false).onPublish(url).build(),
                        StreamConfig.builder("denied-studio").isStatic(false).onPublish(url).build(),
                        StreamConfig.builder("open").isStatic(false).build()),
                List.of(new PublishLocationConfig("chats", StreamConfig.builder("chats").onPublish(url).build(), false)),
                List.of(new StreamTemplateConfig("tpl", "shows", StreamConfig.builder("tpl").onPublish(url).build(), false)));
    }

    @AfterEach
    void stop() {
        engine.stop();
        backend.stop(0);
    }

    private Publishing open(String stream) {
        return engine.openPublisher(stream, "http", "198.51.100.7:40000", Map.of("token", "t1"));
    }

    @Test
    void allowedPublishersAreAskedWithTheirLocation() {
        Publishing p = open("chats/room1");
        assertTrue(p.isAccepted(), p.message());
        p.sink().close("test over");
        assertEquals("{\"name\":\"chats/room1\",\"location\":\"chats\",\"proto\":\"mpegts\",\"args\":{\"token\":\"t1\"},"
                + "\"ip\":\"198.51.100.7\"}", asked.get(0));
        assertTrue(open("studio").isAccepted());
        assertTrue(asked.get(1).contains("\"location\":\"studio\""), asked.get(1));
        assertTrue(open("shows/one").isAccepted());
        assertTrue(asked.get(2).contains("\"location\":\"shows\""), asked.get(2));
    }

    @Test
    void aStreamWithoutOnPublishAsksNoOne() {
        assertTrue(open("open").isAccepted());
        assertTrue(asked.isEmpty());
    }

    @Test
    void aRefusalStartsNothingAndIsRecorded() {
        for (String name : List.of("chats/denied-room", "denied-studio")) {
            Publishing p = open(name);
            assertEquals(403, p.status());
            assertEquals("publish_denied", p.error());
            assertEquals("refused by the on_publish backend: not you", p.message());
            assertNull(engine.existingLiveStream(name), "no hub for " + name);
            assertNull(engine.pipeline(name));
        }
        assertTrue(events.stream().allMatch(e -> e.type().equals(MediaEventType.CONNECTION_REJECTED.wireName())), events.toString());
        assertEquals(2, events.size());
    }
}
