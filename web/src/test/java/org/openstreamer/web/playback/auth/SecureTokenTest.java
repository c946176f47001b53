package org.openstreamer.web.playback.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecureTokenTest {

    private static final long NOW = 1_765_000_000L;

    @Test
    void aTokenMadeForTheStreamAndIpIsValidInItsWindowOnly() {
        String token = SecureToken.make("cam1", "198.51.100.7", "s3cret", "a1b2", NOW - 60, NOW + 3600);
        assertTrue(token.matches("[0-9a-f]{40}-a1b2-" + (NOW + 3600) + "-" + (NOW - 60)), token);
        assertTrue(SecureToken.valid(token, "cam1", "198.51.100.7", "s3cret", NOW));
        assertTrue(SecureToken.valid(token.toUpperCase().replace("A1B2", "a1b2"), "cam1", "198.51.100.7", "s3cret", NOW),
                "the hash's hex case does not matter");
        assertFalse(SecureToken.valid(token, "cam2", "198.51.100.7", "s3cret", NOW), "another stream");
        assertFalse(SecureToken.valid(token, "cam1", "198.51.100.8", "s3cret", NOW), "another address");
        assertFalse(SecureToken.valid(token, "cam1", "198.51.100.7", "other", NOW), "another secret");
        assertFalse(SecureToken.valid(token, "cam1", "198.51.100.7", "s3cret", NOW + 3600 + 6), "expired");
        assertFalse(SecureToken.valid(token, "cam1", "198.51.100.7", "s3cret", NOW - 60 - 6), "not yet valid");
        assertTrue(SecureToken.valid(token, "cam1", "198.51.100.7", "s3cret", NOW + 3600 + 5), "5 s of clock skew forgiven");
    }

    @Test
    void aChangedWindowOrSaltBreaksTheHash() {
        String token = SecureToken.make("cam1", "10.0.0.1", "k", "salt", NOW, NOW + 100);
        String[] p = token.split("-");
        assertFalse(SecureToken.valid(p[0] + "-salt-" + (NOW + 99999) + "-" + NOW, "cam1", "10.0.0.1", "k", NOW + 50));
        assertFalse(SecureToken.valid(p[0] + "-salu-" + p[2] + "-" + p[3], "cam1", "10.0.0.1", "k", NOW + 50));
    }

    @Test
    void malformedTokensAreRefusedWithoutThrowing() {
        for (String t : new String[] {null, "", "abc", "x-y-z-w", "-".repeat(3), "0".repeat(40) + "-s-notanumber-1",
                "zz".repeat(20) + "-s-" + (NOW + 1) + "-" + NOW, "0".repeat(40) + "--" + (NOW + 1) + "-" + NOW,
                "a".repeat(300)}) {
            assertFalse(SecureToken.valid(t, "cam1", "10.0.0.1", "k", NOW), String.valueOf(t));
        }
    }

    @Test
    void theSecretComesFromTheOnPlayValue() {
        assertEquals("KEY", SecureToken.secretOf(URI.create("securetoken://KEY")));
        assertEquals("KEY", SecureToken.secretOf(URI.create("SecureToken://KEY")));
        assertNull(SecureToken.secretOf(URI.create("http://auth/check")));
        assertNull(SecureToken.secretOf(null));
    }

    @Test
    void theGateChecksSecureTokensItselfOncePerSession() {
        PlaybackGate gate = new PlaybackGate(new SessionTable(60, s -> { }), new PlayBackend(Executors.newSingleThreadExecutor(), 1));
        PlayPolicy policy = new PlayPolicy(URI.create("securetoken://s3cret"), null, null, false);
        long now = System.currentTimeMillis() / 1000;
        String good = SecureToken.make("cam1", "10.0.0.1", "s3cret", "x9", now - 10, now + 600);
        Decision allowed = gate.admit(new PlayRequest("cam1", "10.0.0.1", good, null, null, "hls", "m"), policy).join();
        assertTrue(allowed.allowed());
        assertNull(allowed.session().backend(), "never asked again");
        Decision wrongIp = gate.admit(new PlayRequest("cam1", "10.0.0.2", good, null, null, "hls", "m"), policy).join();
        assertEquals(403, wrongIp.status());
        assertEquals("denied", wrongIp.reason());
        assertFalse(gate.admit(new PlayRequest("cam1", "10.0.0.1", null, null, null, "srt", "m"), policy).join().allowed(),
                "a token the server made up is no secure token");
    }
}
