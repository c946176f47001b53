package org.openstreamer.web.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasicCredentialsTest {

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsUserAndPasswordThePasswordMayHoldColons() {
        BasicCredentials c = BasicCredentials.parse(basic("ops:pa:ss wörd")).orElseThrow();
        assertEquals("ops", c.username());
        assertArrayEquals("pa:ss wörd".toCharArray(), c.password());
        assertEquals("ops", BasicCredentials.parse("basic " + basic("ops:x").substring(6)).orElseThrow().username(),
                "the scheme is case-insensitive");
        assertArrayEquals(new char[0], BasicCredentials.parse(basic("ops:")).orElseThrow().password());
    }

    @Test
    void malformedHeadersAreNoCredentials() {
        assertTrue(BasicCredentials.parse(null).isEmpty());
        assertTrue(BasicCredentials.parse("Bearer abc").isEmpty());
        assertTrue(BasicCredentials.parse("Basic ").isEmpty());
        assertTrue(BasicCredentials.parse("Basic not*base64").isEmpty());
        assertTrue(BasicCredentials.parse(basic("no-colon")).isEmpty());
        assertTrue(BasicCredentials.parse(basic(":password")).isEmpty(), "no user name");
        assertTrue(BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(new byte[]{'a', ':', (byte) 0xff}))
                .isEmpty(), "not UTF-8");
    }
}
