package org.openstreamer.web.playback;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.PlayAuthorizer.Verdict;
import org.openstreamer.connector.api.PlayAuthorizer.Viewer;
import org.openstreamer.ejb.auth.AuthBackendRules;
import org.openstreamer.ejb.auth.RefererDomains;
import org.openstreamer.web.playback.auth.AuthRules;
import org.openstreamer.web.playback.auth.PlayBackend;
import org.openstreamer.web.playback.auth.PlayPolicy;
import org.openstreamer.web.playback.auth.PlaybackGate;
import org.openstreamer.web.playback.auth.SessionTable;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SRT and RTMP players through the gate: sessions bound to the connection, limits, refusals. */
class EnginePlayerCheckTest {

    private final PlaybackGate gate = new PlaybackGate(new SessionTable(60, s -> { }),
            new PlayBackend(Executors.newSingleThreadExecutor(), 1));
    private final AtomicInteger loads = new AtomicInteger();

    private EnginePlayerCheck check(PlayPolicy policy) {
        return new EnginePlayerCheck(gate, stream -> {
            loads.incrementAndGet();
            return policy;
        }, Runnable::run);
    }

    private static Viewer viewer(String stream, String token) {
        return new Viewer(stream, "10.0.0.1", token, null, "ffmpeg", "srt");
    }

    @Test
    void aStreamWithoutPolicyPlaysUntrackedAndItsPolicyIsReadOnce() {
        EnginePlayerCheck check = check(PlayPolicy.OFF);
        assertSame(Verdict.OPEN, check.admit(viewer("cam1", null)).join());
        assertSame(Verdict.OPEN, check.admit(viewer("cam1", null)).join());
        assertEquals(1, loads.get(), "the policy is cached by the gate");
        assertEquals(0, gate.sessions().total());
    }

    @Test
    void aPlayerIsASessionUntilItLeavesAndTheServerCanCutIt() {
        EnginePlayerCheck check = check(new PlayPolicy(null, 1, null, false));
        Verdict v = check.admit(viewer("cam1", "t1")).join();
        assertTrue(v.allowed());
        assertEquals(1, gate.sessions().count("cam1"));
        assertEquals("srt", gate.sessions().open().get(0).request().type());
        assertEquals("srt_handler-play", gate.sessions().open().get(0).request().mediaRequest());

        Verdict full = check.admit(viewer("cam1", "t2")).join();
        assertFalse(full.allowed());
        assertEquals(403, full.status());
        assertEquals("stream_full", full.reason());

        AtomicBoolean cut = new AtomicBoolean();
        v.grant().onRevoked(() -> cut.set(true));
        gate.sessions().close(gate.sessions().open().get(0), "closed_by_api", 0, System.nanoTime());
        assertTrue(cut.get(), "closing the session cuts the connection");

        Verdict again = check.admit(viewer("cam1", "t3")).join();
        assertTrue(again.allowed());
        again.grant().ended(1000);
        again.grant().ended(1000);
        assertEquals(0, gate.sessions().total(), "the session ends with the player, once");
    }

    @Test
    void refusalsKnownFromMemoryOpenNothing() {
        EnginePlayerCheck check = check(new PlayPolicy(null, 1, null, false));
        assertNull(check.refusalKnown(viewer("cam1", "t1")), "the policy is not known yet: decided once connected");
        assertTrue(check.admit(viewer("cam1", "t1")).join().allowed());
        assertNull(check.refusalKnown(viewer("cam1", "t1")), "an open session of the same viewer");
        Verdict full = check.refusalKnown(viewer("cam1", "t2"));
        assertEquals(403, full.status());
        assertEquals("stream_full", full.reason());
        assertEquals(1, gate.sessions().total(), "asking opened nothing");
        gate.sessions().close(gate.sessions().open().get(0), "closed_by_api", 60, System.nanoTime());
        assertEquals("denied", check.refusalKnown(viewer("cam1", "t1")).reason(), "a banned token");
        assertNull(check.refusalKnown(viewer("cam1", "t2")), "room again");
        gate.forgetPolicies();
        assertEquals("denied", check.refusalKnown(viewer("cam1", "t1")).reason(), "a ban is known without the policy");
        assertNull(check.refusalKnown(viewer("cam1", "t2")));
    }

    @Test
    void noTokenUnderNoAutoTokenIsRefused() {
        EnginePlayerCheck check = check(new PlayPolicy(null, null, null, true));
        Verdict v = check.admit(viewer("cam1", null)).join();
        assertEquals(403, v.status());
        assertEquals("token_required", v.reason());
        assertEquals("token_required", check.refusalKnown(viewer("cam1", null)).reason(), "known in the handshake too");
    }

    @Test
    void aPolicyThatCannotBeReadFailsTheVerdict() {
        PlayAuthorizer check = new EnginePlayerCheck(gate, s -> {
            throw new IllegalStateException("database down");
        }, Runnable::run);
        assertTrue(check.admit(viewer("cam9", "t")).isCompletedExceptionally());
    }

    /** auth://NAME rules by address, token or user agent refuse in the handshake itself; a backend's answer waits for the connection. */
    @Test
    void rulesThatNeedNoBackendRefuseInTheHandshake() {
        AuthRules rules = new AuthRules(AuthBackendRules.parse(List.of("allow token friend", "deny ip 10.0.0.1",
                "deny ua VLC", "backend http://127.0.0.1:1/auth")));
        PlayPolicy policy = new PlayPolicy(URI.create("auth://main"), null, null, false, rules, false, false, null);
        EnginePlayerCheck check = check(policy);
        assertNull(check.refusalKnown(viewer("cam1", "t1")), "the policy is not known yet: decided once connected");
        Verdict refused = check.admit(viewer("cam1", "t1")).join();
        assertEquals("denied", refused.reason());
        assertEquals(403, refused.status());

        Verdict byIp = check.refusalKnown(viewer("cam1", "t2"));
        assertEquals(403, byIp.status(), "1403 in the SRT handshake");
        assertEquals("denied", byIp.reason());
        assertEquals("denied", check.refusalKnown(viewer("cam1", null)).reason(), "with no token as well");
        assertNull(check.refusalKnown(viewer("cam1", "friend")), "a token rule comes first");
        assertEquals("denied", check.refusalKnown(new Viewer("cam1", "10.0.0.2", "t3", null, "VLC/3.0", "srt")).reason());
        assertNull(check.refusalKnown(new Viewer("cam1", "10.0.0.2", "t3", null, "ffmpeg", "srt")),
                "only the backend can answer: decided once connected");
        assertEquals(0, gate.sessions().total());
    }

    /** domains: an RTMP pageUrl outside the list is refused; an SRT player sends none and passes. */
    @Test
    void domainsCheckTheRtmpPageUrl() {
        PlayPolicy policy = PlayPolicy.OFF.withDomains(RefererDomains.parse(List.of("example.com", "*.example.com")));
        EnginePlayerCheck check = check(policy);
        assertSame(Verdict.OPEN, check.admit(viewer("cam1", null)).join(), "no referer: plays, untracked");
        Verdict other = check.admit(new Viewer("cam1", "10.0.0.1", null, "http://evil.test/page", null, "rtmp")).join();
        assertEquals(403, other.status());
        assertEquals("referer_denied", other.reason());
        assertEquals("referer_denied", check.refusalKnown(new Viewer("cam1", "10.0.0.1", null, "http://evil.test/", null, "rtmp")).reason());
        assertSame(Verdict.OPEN, check.admit(new Viewer("cam1", "10.0.0.1", null, "https://tv.example.com/p", null, "rtmp")).join());
        assertEquals(0, gate.sessions().total());
    }
}
