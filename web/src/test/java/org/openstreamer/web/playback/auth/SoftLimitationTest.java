package org.openstreamer.web.playback.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code soft_limitation}: a user over its X-Max-Sessions is not cut when the extra session opens;
 * it is cut on a later sweep only if it is still over with all those sessions in use, and a
 * session its viewer left (a channel switch with one token) closes as idle, without a ban.
 */
class SoftLimitationTest {

    private static final URI BACKEND = URI.create("http://127.0.0.1:1/auth");
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private final List<PlaySession> closed = new ArrayList<>();
    private final SessionTable table = new SessionTable(60, 30, s -> { }, closed::add);

    private static PlayRequest viewer(String stream, String token) {
        return new PlayRequest(stream, "10.0.0.1", token, null, "ua", "hls", "hls_live-hls_mbr_playlist");
    }

    private static BackendAnswer user(int max) {
        return BackendAnswer.of(200, Map.of("X-UserId", "u1", "X-Max-Sessions", Integer.toString(max),
                "X-AuthDuration", "600")::get);
    }

    private PlaySession open(String stream, String token, boolean soft, long now) {
        return (PlaySession) table.open(viewer(stream, token), BACKEND, user(1), null, null, soft, now);
    }

    @Test
    void withoutSoftLimitationTheOlderSessionIsCutAtOnce() {
        PlaySession a = open("a", "t1", false, 0);
        open("b", "t2", false, S);
        assertFalse(a.isOpen());
        assertEquals("user_session_limit", a.closeReason());
    }

    @Test
    void extraSessionsInUseAreCutOnlyAfterTheGrace() {
        PlaySession a = open("a", "t1", true, 0);
        PlaySession b = open("b", "t2", true, S);
        assertTrue(a.isOpen() && b.isOpen(), "not cut when the extra session opens");
        for (long t = 2; t < 31; t += 4) { // both players keep asking
            a.seen(t * S, 100);
            b.seen(t * S, 100);
            table.sweep(t * S);
            assertTrue(a.isOpen() && b.isOpen(), "still within the grace at " + t + " s");
        }
        a.seen(31 * S, 100);
        b.seen(31 * S, 100);
        table.sweep(32 * S);
        assertFalse(a.isOpen(), "the oldest in use is cut once the grace is over");
        assertTrue(b.isOpen());
        assertEquals("user_session_limit", a.closeReason());
        assertTrue(table.find(a.key(), 33 * S) != null, "and banned like a hard limit's");
    }

    @Test
    void aSessionLeftBehindIsNotCutAndClosesAsIdleWithoutBan() {
        PlaySession a = open("a", "t1", true, 0);
        PlaySession b = open("b", "t1", true, S); // the viewer switched channel with the same token
        for (long t = 2; t <= 58; t += 4) {
            b.seen(t * S, 100);
            table.sweep(t * S);
            assertTrue(a.isOpen(), "the left session is not cut (" + t + " s)");
        }
        b.seen(62 * S, 100);
        table.sweep(62 * S); // a: no request for 62 s: idle
        assertFalse(a.isOpen());
        assertEquals("idle", a.closeReason());
        assertEquals(null, table.find(a.key(), 63 * S), "closed as idle: not banned, the viewer may come back");
        assertTrue(b.isOpen());
        for (long t = 66; t <= 130; t += 4) {
            b.seen(t * S, 100);
            table.sweep(t * S);
        }
        assertTrue(b.isOpen(), "under the limit again: nothing more is cut");
    }

    @Test
    void connectionBoundSessionsAreAlwaysInUse() {
        PlaySession a = open("a", "t1", true, 0);
        a.onDisconnect(() -> { });
        PlaySession b = open("b", "t2", true, S);
        b.onDisconnect(() -> { });
        table.sweep(20 * S);
        assertTrue(a.isOpen());
        table.sweep(31 * S);
        assertFalse(a.isOpen(), "an SRT or MPEG-TS player is in use as long as it is connected");
        assertTrue(b.isOpen());
    }
}
