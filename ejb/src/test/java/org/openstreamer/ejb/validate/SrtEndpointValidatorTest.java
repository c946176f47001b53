package org.openstreamer.ejb.validate;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.SrtKind;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SrtEndpointValidatorTest {

    private static SrtEndpoint endpoint(int port, String passphrase, int latency) {
        return new SrtEndpoint(port, passphrase, latency);
    }

    private static void check(SrtEndpoint e) {
        SrtEndpointValidator.validate(Map.of(SrtKind.SRT_PUBLISH, e), false, "this stream");
    }

    @Test
    void acceptsTheLimitsThemselves() {
        assertDoesNotThrow(() -> check(endpoint(1, "p".repeat(10), 20)));
        assertDoesNotThrow(() -> check(endpoint(65535, "p".repeat(79), 8000)));
        assertDoesNotThrow(() -> check(endpoint(0, null, 120)), "no port and no passphrase");
        assertDoesNotThrow(() -> check(endpoint(0, "securePass", 120)), "a passphrase for the global ports");
    }

    @Test
    void passphraseHas10To79PrintableAsciiCharacters() {
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.passphrase", () -> check(endpoint(0, "p".repeat(9), 120)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.passphrase", () -> check(endpoint(0, "p".repeat(80), 120)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.passphrase", () -> check(endpoint(0, "passwörter-123", 120)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.passphrase", () -> check(endpoint(0, "pass\tphrase1", 120)));
    }

    @Test
    void latencyIs20To8000Milliseconds() {
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.latency", () -> check(endpoint(9001, null, 19)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.latency", () -> check(endpoint(9001, null, 8001)));
    }

    @Test
    void portsAre1To65535AndGlobalEndpointsNeedOne() {
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.port", () -> check(endpoint(65536, null, 120)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.port", () -> check(endpoint(-1, null, 120)));
        Refusals.assertInvalid(ConfigException.MISSING_VALUE, "srt.port", () -> SrtEndpointValidator.validate(
                Map.of(SrtKind.SRT, endpoint(0, "securePass", 120)), true, "the server"));
    }

    @Test
    void oneOwnerUsesAPortOnce() {
        Map<SrtKind, SrtEndpoint> endpoints = new EnumMap<>(SrtKind.class);
        endpoints.put(SrtKind.SRT, endpoint(9001, null, 120));
        endpoints.put(SrtKind.SRT_PUBLISH, endpoint(0, "securePass", 120));
        endpoints.put(SrtKind.SRT_PLAY, endpoint(9001, null, 120));
        ConfigException e = Refusals.assertRefused(ConfigException.Kind.CONFLICT, ConfigException.PORT_CONFLICT,
                "srt_play.port", () -> SrtEndpointValidator.validate(endpoints, false, "this stream"));
        assertTrue(e.getMessage().contains("9001") && e.getMessage().contains("srt and by srt_play"), e.getMessage());
        endpoints.put(SrtKind.SRT_PLAY, endpoint(9003, null, 120));
        assertDoesNotThrow(() -> SrtEndpointValidator.validate(endpoints, false, "this stream"));
    }
}
