package org.openstreamer.web.playback.auth;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.auth.AuthBackendRules;
import org.openstreamer.ejb.auth.IpRange;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auth_backend rules: CIDR matching, the reference's fixed order, parallel backends, the default. */
class AuthRulesTest {

    private final List<URI> asked = new CopyOnWriteArrayList<>();

    private static PlayRequest viewer(String ip, String token, String ua) {
        return new PlayRequest("cam", ip, token, null, ua, "hls", "hls_live-hls_mbr_playlist");
    }

    private BackendAnswer.Verdict decide(List<String> rules, PlayRequest r, Map<String, CompletableFuture<BackendAnswer>> backends) {
        return new AuthRules(AuthBackendRules.parse(rules)).decide(r, u -> {
            asked.add(u);
            return backends.get(u.getHost());
        }).join().verdict();
    }

    private BackendAnswer.Verdict decide(List<String> rules, PlayRequest r) {
        return decide(rules, r, Map.of());
    }

    private static CompletableFuture<BackendAnswer> answer(int status) {
        return CompletableFuture.completedFuture(BackendAnswer.of(status, h -> null));
    }

    @Test
    void cidrBlocksIncludingTheReferencesAbbreviationAndIpv6() {
        assertTrue(IpRange.parse("172.16/24").contains("172.16.0.77"));
        assertFalse(IpRange.parse("172.16/24").contains("172.16.1.1"));
        assertTrue(IpRange.parse("10.10/16").contains("10.10.255.1"));
        assertTrue(IpRange.parse("127.0.0.0/8").contains("127.3.2.1"));
        assertFalse(IpRange.parse("127.0.0.0/8").contains("128.0.0.1"));
        assertTrue(IpRange.parse("8.8.8.8").contains("8.8.8.8"));
        assertFalse(IpRange.parse("8.8.8.8").contains("8.8.8.9"));
        assertTrue(IpRange.parse("0.0.0.0/0").contains("203.0.113.9"));
        assertTrue(IpRange.parse("10.1.2.3/20").contains("10.1.15.200"), "host bits of the rule are ignored");
        assertTrue(IpRange.parse("2001:db8::/32").contains("2001:db8:ffff::1"));
        assertFalse(IpRange.parse("2001:db8::/32").contains("2001:db9::1"));
        assertTrue(IpRange.parse("::1").contains("0:0:0:0:0:0:0:1"));
        assertFalse(IpRange.parse("10.0.0.0/8").contains("::1"), "families never match each other");
        assertFalse(IpRange.parse("10.0.0.0/8").contains("not-an-ip"));
        for (String bad : new String[] {"10.0.0.0/33", "300.1.1.1", "example.com", "1.2.3.4.5", "::1/129", "10.0.0.0/x"}) {
            assertThrows(IllegalArgumentException.class, () -> IpRange.parse(bad), bad);
        }
    }

    @Test
    void theReferencesOrderNotTheBlocksATokenRuleBeatsAnIpRule() {
        List<String> rules = List.of("allow ip 192.168.0/24", "deny token stolen", "allow token friend1", "deny ip 10.10/16");
        assertEquals(BackendAnswer.Verdict.DENY, decide(rules, viewer("192.168.0.5", "stolen", null)));
        assertEquals(BackendAnswer.Verdict.ALLOW, decide(rules, viewer("10.10.3.3", "friend1", null)));
        assertEquals(BackendAnswer.Verdict.ALLOW, decide(rules, viewer("192.168.0.5", "x", null)));
        assertEquals(BackendAnswer.Verdict.DENY, decide(rules, viewer("10.10.3.3", "x", null)));
        assertEquals(BackendAnswer.Verdict.DENY, decide(rules, viewer("8.8.8.8", "x", null)), "deny unless allow default");
    }

    @Test
    void blacklistWithAllowDefaultAndUserAgentSubstrings() {
        List<String> blacklist = List.of("deny ip 1.1.1.1", "deny ip 10.10/16", "allow default");
        assertEquals(BackendAnswer.Verdict.DENY, decide(blacklist, viewer("10.10.9.9", "t", null)));
        assertEquals(BackendAnswer.Verdict.ALLOW, decide(blacklist, viewer("9.9.9.9", "t", null)));
        List<String> agents = List.of("allow ua MAG", "deny ua \"Mozilla/5.0 (Windows; U)\"", "allow default");
        assertEquals(BackendAnswer.Verdict.ALLOW, decide(agents, viewer("9.9.9.9", "t", "MAG250 stbapp")));
        assertEquals(BackendAnswer.Verdict.DENY, decide(agents, viewer("9.9.9.9", "t", "Mozilla/5.0 (Windows; U) x")));
        assertEquals(BackendAnswer.Verdict.ALLOW, decide(agents, viewer("9.9.9.9", "t", null)));
    }

    @Test
    void backendsAreAskedOnlyWhenNoRuleMatchedAndTheFirstAllowWins() {
        List<String> rules = List.of("allow ip 192.168.0/24", "backend http://a/auth", "backend http://b/auth");
        assertEquals(BackendAnswer.Verdict.ALLOW, decide(rules, viewer("192.168.0.9", "t", null)));
        assertTrue(asked.isEmpty(), "the LAN plays without asking");
        CompletableFuture<BackendAnswer> never = new CompletableFuture<>();
        assertEquals(BackendAnswer.Verdict.ALLOW, decide(rules, viewer("8.8.8.8", "t", null), Map.of("a", never, "b", answer(200))),
                "an allow does not wait for the slower backend");
        assertEquals(2, asked.size(), "both asked in parallel");
        assertEquals(BackendAnswer.Verdict.DENY, decide(rules, viewer("8.8.8.8", "t", null), Map.of("a", answer(403), "b", answer(500))));
        assertEquals(BackendAnswer.Verdict.UNKNOWN, decide(rules, viewer("8.8.8.8", "t", null), Map.of("a", answer(500), "b", answer(404))),
                "no usable answer: not opened, not banned");
        List<String> fallback = List.of("backend http://a/auth", "allow default");
        assertEquals(BackendAnswer.Verdict.ALLOW, decide(fallback, viewer("8.8.8.8", "t", null), Map.of("a", answer(500))));
        assertEquals(BackendAnswer.Verdict.DENY, decide(fallback, viewer("8.8.8.8", "t", null), Map.of("a", answer(403))));
    }

    @Test
    void badRulesAreRefusedWithTheLineAndCountryNeedsGeoIp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthBackendRules.parse(List.of("allow country RU US")));
        assertTrue(e.getMessage().contains("GeoIP"), e.getMessage());
        for (String bad : new String[] {"allow ip 10.0.0.0/40", "permit ip 1.2.3.4", "allow token", "backend ftp://x/",
                "allow referer x.com", "deny"}) {
            assertThrows(IllegalArgumentException.class, () -> AuthBackendRules.parse(List.of(bad)), bad);
        }
    }

    /** What an SRT handshake may decide alone: every rule but the backends, and the default of a block without any. */
    @Test
    void localVerdictNeedsNoBackend() {
        AuthRules withBackend = new AuthRules(AuthBackendRules.parse(List.of("deny ip 127.0.0.1", "allow token friend",
                "deny ua Bad", "backend http://mw/auth")));
        assertEquals(BackendAnswer.Verdict.DENY, withBackend.local(viewer("127.0.0.1", "t", "ffmpeg")));
        assertEquals(BackendAnswer.Verdict.ALLOW, withBackend.local(viewer("127.0.0.1", "friend", "ffmpeg")), "token before ip");
        assertEquals(BackendAnswer.Verdict.DENY, withBackend.local(viewer("127.0.0.2", "t", "BadPlayer")));
        assertEquals(null, withBackend.local(viewer("127.0.0.2", "t", "ffmpeg")), "the backend decides");
        assertEquals(null, withBackend.local(viewer("127.0.0.2", null, null)), "no token and no user agent: the backend");
        assertTrue(asked.isEmpty());

        AuthRules noBackend = new AuthRules(AuthBackendRules.parse(List.of("allow ip 127.0.0.0/8")));
        assertEquals(BackendAnswer.Verdict.ALLOW, noBackend.local(viewer("127.0.0.1", null, null)));
        assertEquals(BackendAnswer.Verdict.DENY, noBackend.local(viewer("10.1.1.1", null, null)), "deny by default");
        AuthRules open = new AuthRules(AuthBackendRules.parse(List.of("deny ip 127.0.0.2", "allow default")));
        assertEquals(BackendAnswer.Verdict.ALLOW, open.local(viewer("127.0.0.1", null, null)));
        assertEquals(BackendAnswer.Verdict.DENY, open.local(viewer("127.0.0.2", null, null)));
    }
}
