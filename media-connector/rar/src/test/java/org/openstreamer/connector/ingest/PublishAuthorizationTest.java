package org.openstreamer.connector.ingest;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.auth.OnPublishBackend;
import org.openstreamer.connector.auth.OnPublishDecision;
import org.openstreamer.connector.auth.OnPublishRequest;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PublishAuthorizationTest {

    private final PublishAuthorization auth = new PublishAuthorization(
            name -> name.startsWith("chats/") ? new PublishAuthorization.Target("http://127.0.0.1:9/p", "chats") : null,
            new OnPublishBackend(null, Duration.ofSeconds(3), 4, Duration.ofSeconds(10), System::nanoTime));

    @Test
    void onlyStreamsWithABackendAreAsked() {
        assertNull(auth.request("cam1", "srt", "127.0.0.1:4000", Map.of()));
        OnPublishRequest r = auth.request("chats/15", "mpegts", "198.51.100.7:40112", Map.of("password", "x"));
        assertEquals(new OnPublishRequest("http://127.0.0.1:9/p", "chats/15", "chats", "mpegts", Map.of("password", "x"),
                "198.51.100.7"), r);
        assertNull(PublishAuthorization.NONE.request("chats/15", "srt", "127.0.0.1", Map.of()));
    }

    @Test
    void theAddressLosesItsPort() {
        assertEquals("198.51.100.7", PublishAuthorization.hostOf("198.51.100.7:40112"));
        assertEquals("198.51.100.7", PublishAuthorization.hostOf("198.51.100.7"));
        assertEquals("::1", PublishAuthorization.hostOf("[::1]:40112"));
        assertEquals("0:0:0:0:0:0:0:1", PublishAuthorization.hostOf("0:0:0:0:0:0:0:1:40112"));
        assertEquals("0:0:0:0:0:0:0:1", PublishAuthorization.hostOf("0:0:0:0:0:0:0:1"));
    }

    @Test
    void decisionsBecomeRefusalsWithTheReferenceStatuses() {
        assertNull(PublishAuthorization.refusal(OnPublishDecision.ALLOWED));
        assertEquals(new PublishAdmission.Refusal(403, "publish_denied", "refused by the on_publish backend (HTTP 403)"),
                PublishAuthorization.refusal(OnPublishDecision.of(403, null, null, null)));
        assertEquals(403, PublishAuthorization.refusal(OnPublishDecision.of(302, null, null, null)).status());
        assertEquals(new PublishAdmission.Refusal(503, "on_publish_unavailable", "down"),
                PublishAuthorization.refusal(OnPublishDecision.unavailable("down")));
    }
}
