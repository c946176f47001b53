package org.openstreamer.ejb.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefererDomainsTest {

    private final RefererDomains lock = RefererDomains.parse(List.of("myhost.com", "*.myhost.com", "Partner.TV."));

    @Test
    void hostsAndWildcards() {
        assertTrue(lock.allows("http://myhost.com/page.html"));
        assertTrue(lock.allows("https://www.myhost.com:8443/embed?x=1"));
        assertTrue(lock.allows("https://a.b.myhost.com/"));
        assertTrue(lock.allows("https://PARTNER.tv/"), "case does not matter, nor a trailing dot in the pattern");
        assertFalse(lock.allows("https://evilmyhost.com/"), "*.myhost.com is not a suffix of any text");
        assertFalse(lock.allows("https://myhost.com.evil.test/"));
        assertFalse(lock.allows("https://www.partner.tv/"), "partner.tv is that host only");
        assertFalse(lock.allows("https://127.0.0.1/"));
    }

    @Test
    void noRefererPassesAndAMalformedOneDoesNot() {
        assertTrue(lock.allows(null), "players that send no Referer are not protected (as in the reference)");
        assertTrue(lock.allows(""));
        assertFalse(lock.allows("not a url"));
        assertFalse(lock.allows("/relative/only"));
    }

    @Test
    void starAllowsEveryone() {
        assertTrue(RefererDomains.parse(List.of("*")).allows("https://anything.example/"));
    }

    @Test
    void badPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RefererDomains.parse(List.of()));
        assertThrows(IllegalArgumentException.class, () -> RefererDomains.parse(List.of("http://myhost.com")));
        assertThrows(IllegalArgumentException.class, () -> RefererDomains.parse(List.of("my host")));
        assertThrows(IllegalArgumentException.class, () -> RefererDomains.parse(List.of("*.")));
        assertThrows(IllegalArgumentException.class, () -> RefererDomains.parse(List.of("a.*.com")));
    }
}
