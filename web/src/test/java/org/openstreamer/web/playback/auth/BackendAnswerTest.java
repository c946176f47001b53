package org.openstreamer.web.playback.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BackendAnswerTest {

    private static BackendAnswer answer(int status, Map<String, String> headers) {
        return BackendAnswer.of(status, headers::get);
    }

    @Test
    void statusesMapAsTheReferenceSays() {
        assertEquals(BackendAnswer.Verdict.ALLOW, answer(200, Map.of()).verdict());
        assertEquals(BackendAnswer.Verdict.DENY, answer(401, Map.of()).verdict());
        assertEquals(BackendAnswer.Verdict.DENY, answer(403, Map.of()).verdict());
        assertEquals(BackendAnswer.Verdict.REDIRECT, answer(302, Map.of("Location", "http://cdn/x.m3u8")).verdict());
        assertEquals("http://cdn/x.m3u8", answer(301, Map.of("Location", "http://cdn/x.m3u8")).location());
        assertEquals(BackendAnswer.Verdict.UNKNOWN, answer(302, Map.of()).verdict(), "a redirect to nowhere is no answer");
        for (int other : new int[] {204, 404, 500, 502, 503}) {
            assertEquals(BackendAnswer.Verdict.UNKNOWN, answer(other, Map.of()).verdict(), "status " + other);
        }
    }

    @Test
    void headersGiveUserLimitAndDuration() {
        BackendAnswer a = answer(200, Map.of("X-UserId", " u7 ", "X-Max-Sessions", "2", "X-AuthDuration", "30"));
        assertEquals("u7", a.userId());
        assertEquals(2, a.maxSessions());
        assertEquals(30, a.authSeconds());
        assertEquals(BackendAnswer.DEFAULT_AUTH_SECONDS, answer(200, Map.of()).authSeconds(), "180 s by default");
    }

    @Test
    void uniqueIsOneSessionUnlessMaxSessionsSaysOtherwise() {
        assertEquals(1, answer(200, Map.of("X-UserId", "u", "X-Unique", "true")).maxSessions());
        assertEquals(5, answer(200, Map.of("X-UserId", "u", "X-Unique", "true", "X-Max-Sessions", "5")).maxSessions());
    }

    @Test
    void nonsenseHeadersAreIgnored() {
        BackendAnswer a = answer(200, Map.of("X-Max-Sessions", "-3", "X-AuthDuration", "soon", "X-UserId", "  "));
        assertNull(a.maxSessions());
        assertNull(a.userId());
        assertEquals(BackendAnswer.DEFAULT_AUTH_SECONDS, a.authSeconds());
        assertEquals(BackendAnswer.MAX_AUTH_SECONDS, answer(200, Map.of("X-AuthDuration", "999999999")).authSeconds());
        assertNull(answer(200, Map.of("X-Max-Sessions", "99999999999")).maxSessions());
    }
}
