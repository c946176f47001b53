package org.openstreamer.ejb.service;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.SrtListenerRange;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

class ServerConfigValidatorTest {

    private static ServerConfigDefinition listeners(SrtListenerRange... ranges) {
        return new ServerConfigDefinition(null, null, null, List.of(ranges), null);
    }

    private static ServerConfigDefinition external(String url) {
        return new ServerConfigDefinition(null, null, null, null, url);
    }

    @Test
    void theReferenceExampleIsValid() {
        assertDoesNotThrow(() -> ServerConfigValidator.validate(new ServerConfigDefinition(
                new SrtEndpoint(9998, null, 120), null, null,
                List.of(new SrtListenerRange("publish", 2345, 12344)), "http://localhost:12345/config_backend/")));
        assertDoesNotThrow(() -> ServerConfigValidator.validate(ServerConfigDefinition.EMPTY));
    }

    @Test
    void listenerRangesHaveAModeOrderedPortsAndDoNotOverlap() {
        assertDoesNotThrow(() -> ServerConfigValidator.validate(listeners(new SrtListenerRange("play", 1, 1),
                new SrtListenerRange("publish", 2, 65535))));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.srt[0].mode",
                () -> ServerConfigValidator.validate(listeners(new SrtListenerRange("request", 1, 2))));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.srt[0].ports",
                () -> ServerConfigValidator.validate(listeners(new SrtListenerRange("play", 3, 2))));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.srt[0].ports",
                () -> ServerConfigValidator.validate(listeners(new SrtListenerRange("play", 0, 2))));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.srt[0].ports",
                () -> ServerConfigValidator.validate(listeners(new SrtListenerRange("play", 1, 65536))));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.srt[2].ports",
                () -> ServerConfigValidator.validate(listeners(new SrtListenerRange("play", 10, 20),
                        new SrtListenerRange("play", 30, 40), new SrtListenerRange("publish", 5, 10))));
    }

    @Test
    void configExternalIsAnHttpOrHttpsUrl() {
        assertDoesNotThrow(() -> ServerConfigValidator.validate(external("https://backend.example.com/config/")));
        for (String url : List.of("ftp://backend/", "backend/config", "http://", "http://exa mple.com/", "")) {
            Refusals.assertInvalid(ConfigException.INVALID_VALUE, "config_external",
                    () -> ServerConfigValidator.validate(external(url)));
        }
    }

    @Test
    void globalEndpointsNeedAPortAndDistinctPorts() {
        Refusals.assertInvalid(ConfigException.MISSING_VALUE, "srt_play.port", () -> ServerConfigValidator.validate(
                new ServerConfigDefinition(null, null, new SrtEndpoint(0, "securePass", 120), null, null)));
        Refusals.assertRefused(ConfigException.Kind.CONFLICT, ConfigException.PORT_CONFLICT, "srt_play.port",
                () -> ServerConfigValidator.validate(new ServerConfigDefinition(new SrtEndpoint(9000, null, 120), null,
                        new SrtEndpoint(9000, null, 120), null, null)));
    }
}
