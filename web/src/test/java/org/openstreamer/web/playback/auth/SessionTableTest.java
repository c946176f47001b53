package org.openstreamer.web.playback.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionTableTest {

    private static final URI BACKEND = URI.create("http://127.0.0.1:1/auth");
    private final List<PlaySession> closed = new ArrayList<>();
    private final SessionTable table = new SessionTable(60, closed::add);

    private static PlayRequest viewer(String stream, String ip, String token) {
        return new PlayRequest(stream, ip, token, null, "ua", "hls", "hls_live-hls_mbr_playlist");
    }

    private static BackendAnswer allow(String user, Integer max) {
        return BackendAnswer.of(200, Map.of("X-UserId", user == null ? "" : user,
                "X-Max-Sessions", max == null ? "" : max.toString(), "X-AuthDuration", "30")::get);
    }

    private PlaySession open(PlayRequest r, BackendAnswer a, Integer streamLimit, Integer serverLimit, long now) {
        Object o = table.open(r, BACKEND, a, streamLimit, serverLimit, now);
        return o instanceof PlaySession s ? s : null;
    }

    @Test
    void oneViewerIsOneSessionAndAnotherIpOrTokenIsAnother() {
        PlaySession s = open(viewer("a", "10.0.0.1", "t"), allow(null, null), null, null, 0);
        assertSame(s, table.find(new SessionKey("a", "10.0.0.1", "t"), 1));
        assertSame(s, open(viewer("a", "10.0.0.1", "t"), allow(null, null), null, null, 2), "opened once");
        assertNull(table.find(new SessionKey("a", "10.0.0.2", "t"), 1));
        assertNull(table.find(new SessionKey("b", "10.0.0.1", "t"), 1));
        assertEquals(1, table.total());
        assertEquals(1, table.count("a"));
        assertTrue(s.id().matches("[0-9a-f]{20}-\\d+"), s.id());
    }

    @Test
    void streamAndServerLimitsRefuseTheNewestViewer() {
        PlaySession first = open(viewer("a", "1.1.1.1", "t1"), allow(null, null), 2, null, 0);
        open(viewer("a", "1.1.1.2", "t2"), allow(null, null), 2, null, 0);
        assertEquals(SessionTable.Refusal.STREAM_FULL, table.open(viewer("a", "1.1.1.3", "t3"), BACKEND, allow(null, null), 2, null, 0));
        assertTrue(first.isOpen(), "the viewers watching keep watching");
        assertEquals(SessionTable.Refusal.SERVER_FULL, table.open(viewer("b", "1.1.1.3", "t3"), BACKEND, allow(null, null), null, 2, 0));
        table.close(first, "test", 0, 1);
        assertTrue(open(viewer("a", "1.1.1.3", "t3"), allow(null, null), 2, null, 2) != null, "room again once one left");
    }

    @Test
    void aUserOverItsMaxSessionsLosesTheOldestWhichStaysBanned() {
        PlaySession s1 = open(viewer("a", "1.1.1.1", "t1"), allow("u", 2), null, null, 0);
        boolean[] cut = {false};
        s1.onDisconnect(() -> cut[0] = true);
        PlaySession s2 = open(viewer("b", "1.1.1.1", "t2"), allow("u", 2), null, null, 1);
        PlaySession s3 = open(viewer("c", "1.1.1.1", "t3"), allow("u", 2), null, null, 2);
        assertFalse(s1.isOpen());
        assertTrue(cut[0], "its connection is ended");
        assertTrue(s2.isOpen() && s3.isOpen());
        assertEquals(List.of(s1), closed);
        assertEquals(PlaySession.State.BANNED, table.find(s1.key(), 3).state(), "cannot come back at once");
        assertNull(table.find(s1.key(), TimeUnit.SECONDS.toNanos(31)), "until X-AuthDuration has passed");
        assertEquals(2, table.total());
    }

    @Test
    void aBanRefusesTheSameKeyUntilItEnds() {
        table.ban(viewer("a", "1.1.1.1", "bad"), BACKEND, 10, 0);
        assertEquals(PlaySession.State.BANNED, table.find(new SessionKey("a", "1.1.1.1", "bad"), 1).state());
        assertEquals(0, table.total(), "a ban is no viewer");
        assertNull(table.find(new SessionKey("a", "1.1.1.1", "bad"), TimeUnit.SECONDS.toNanos(10)));
    }

    @Test
    void sweepClosesIdleViewersAndReturnsTheDueRechecks() {
        PlaySession idle = open(viewer("a", "1.1.1.1", "t1"), allow(null, null), null, null, 0);
        PlaySession active = open(viewer("a", "1.1.1.2", "t2"), allow(null, null), null, null, 0);
        PlaySession connected = open(viewer("a", "1.1.1.3", "t3"), allow(null, null), null, null, 0);
        connected.onDisconnect(() -> { });
        long later = TimeUnit.SECONDS.toNanos(61);
        active.seen(later - 1, 100);
        List<PlaySession> due = table.sweep(later);
        assertFalse(idle.isOpen());
        assertEquals("idle", idle.closeReason());
        assertTrue(connected.isOpen(), "a connection-bound session lives as long as its connection");
        assertEquals(2, due.size(), "both past their 30 s re-check");
        assertEquals(100, active.bytesSent());
        assertNull(table.find(idle.key(), later), "an idle session is gone, not banned");
    }
}
