package org.openstreamer.connector.ingest.srt;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.auth.OnPublishBackend;
import org.openstreamer.connector.ingest.PublishAuthorization;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Accept;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Decision;
import org.openstreamer.connector.ingest.srt.SrtPortRole.Kind;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The on_publish step of SRT admission, from memory only (libsrt's listen callback). */
class SrtOnPublishAdmissionTest {

    private HttpServer backend;
    private SrtAdmission.State state;
    private PublishAuthorization authorization;

    @BeforeEach
    void start() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", e -> {
            e.getRequestBody().readAllBytes();
            e.sendResponseHeaders(403, -1);
            e.close();
        });
        backend.start();
        String url = "http://127.0.0.1:" + backend.getAddress().getPort() + "/publish";
        Map<String, StreamConfig> configs = Map.of(
                "guarded", StreamConfig.builder("guarded").onPublish(url).build(),
                "open", StreamConfig.builder("open").build());
        authorization = new PublishAuthorization(name -> configs.containsKey(name) && configs.get(name).onPublish() != null
                ? new PublishAuthorization.Target(configs.get(name).onPublish(), name) : null,
                new OnPublishBackend(null, Duration.ofSeconds(3), 4, Duration.ofSeconds(10), System::nanoTime));
        state = new SrtAdmission.State() {
            @Override
            public StreamConfig config(String stream) {
                return configs.get(stream);
            }

            @Override
            public boolean hasPublisher(String stream) {
                return false;
            }

            @Override
            public boolean isLive(String stream) {
                return false;
            }

            @Override
            public PublishAuthorization authorization() {
                return authorization;
            }
        };
    }

    @AfterEach
    void stop() {
        backend.stop(0);
    }

    private Decision admit(String name, String mode) {
        SrtPortRole role = new SrtPortRole(Kind.GLOBAL_SHARED, null, new org.openstreamer.connector.api.SrtEndpoint(9000, null, 0));
        SrtStreamId id = SrtStreamId.parse("#!::r=" + name + ",m=" + mode + ",token=t1");
        return SrtAdmission.authorize(SrtAdmission.decide(role, id.name(), mode, state), "198.51.100.7", id.args(), state);
    }

    @Test
    void aGuardedPublisherIsAcceptedWithTheRequestToSend() {
        Accept a = assertInstanceOf(Accept.class, admit("guarded", "publish"));
        assertEquals("guarded", a.onPublish().name());
        assertEquals("srt", a.onPublish().proto());
        assertEquals("198.51.100.7", a.onPublish().ip());
        assertEquals(Map.of("r", "guarded", "m", "publish", "token", "t1"), a.onPublish().args());
    }

    @Test
    void othersAreNotAsked() {
        assertNull(assertInstanceOf(Accept.class, admit("open", "publish")).onPublish());
        SrtAdmissionTest.rejected(admit("guarded", "request"), 1404, "not live"); // a player: decide()'s answer, unchanged
    }

    @Test
    void aRecentDenialRejectsTheHandshakeWith1403() throws Exception {
        Accept a = assertInstanceOf(Accept.class, admit("guarded", "publish"));
        assertEquals(403, authorization.ask(a.onPublish()).get(5, TimeUnit.SECONDS).status());
        SrtAdmissionTest.rejected(admit("guarded", "publish"), 1403, "refused by the on_publish backend (HTTP 403)");
    }
}
