package org.openstreamer.connector.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnPublishDecisionTest {

    @Test
    void only200LetsThePublisherIn() {
        assertEquals(OnPublishDecision.ALLOWED, OnPublishDecision.of(200, "text/plain", "whatever", null));
        assertEquals(OnPublishDecision.Verdict.REFUSE, OnPublishDecision.of(204, null, null, null).verdict());
        assertEquals(OnPublishDecision.Verdict.REFUSE, OnPublishDecision.of(404, null, null, null).verdict());
    }

    @Test
    void forbiddenAndUnauthorizedDenyWithTheBackendsReason() {
        OnPublishDecision d = OnPublishDecision.of(403, "text/plain; charset=utf-8", "  bad key for chats/15\nsecond line", null);
        assertEquals(OnPublishDecision.Verdict.DENY, d.verdict());
        assertEquals("refused by the on_publish backend: bad key for chats/15", d.reason());
        assertEquals("refused by the on_publish backend (HTTP 401)", OnPublishDecision.of(401, null, "", null).reason());
    }

    @Test
    void aBodyThatIsNotPlainTextGivesNoReason() {
        assertEquals("refused by the on_publish backend (HTTP 403)",
                OnPublishDecision.of(403, "text/html", "<html><body>Forbidden</body></html>", null).reason());
    }

    @Test
    void theReasonIsCleanedAndShortened() {
        String reason = OnPublishDecision.reasonFrom(null, "a\u0007b" + "x".repeat(500));
        assertTrue(reason.startsWith("a b"));
        assertEquals(OnPublishDecision.MAX_REASON, reason.length());
        assertNull(OnPublishDecision.reasonFrom("text/plain", "   "));
    }

    @Test
    void serverErrorsLeaveThePublisherOutWithoutDenyingIt() {
        OnPublishDecision d = OnPublishDecision.of(500, "text/plain", "database down", null);
        assertEquals(OnPublishDecision.Verdict.UNAVAILABLE, d.verdict());
        assertTrue(d.reason().contains("HTTP 500") && d.reason().contains("database down"), d.reason());
        assertEquals(OnPublishDecision.Verdict.UNAVAILABLE, OnPublishDecision.of(503, null, null, null).verdict());
    }

    @Test
    void redirectsAreNotFollowed() {
        OnPublishDecision d = OnPublishDecision.of(302, null, null, "http://other/publish");
        assertEquals(OnPublishDecision.Verdict.REFUSE, d.verdict());
        assertTrue(d.reason().contains("302 to http://other/publish"), d.reason());
    }
}
