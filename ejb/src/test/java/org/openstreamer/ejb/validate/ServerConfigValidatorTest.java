package org.openstreamer.ejb.validate;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.HttpListener;
import org.openstreamer.ejb.model.PlaybackDefaults;
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
    void srtPortsAndRangesListenOnIpv4AddressesOnly() {
        assertDoesNotThrow(() -> ServerConfigValidator.validate(new ServerConfigDefinition(
                new SrtEndpoint(9998, null, 120, "0.0.0.0"), new SrtEndpoint(9999, null, 120, "127.0.0.2"), null,
                List.of(new SrtListenerRange("publish", 2345, 2350, "192.0.2.10")), null)));
        for (String bad : new String[] {"localhost", "::1", "127.0.0", "127.0.0.256", "1.2.3.4.5", " 127.0.0.1", "127.0.0.-1", ""}) {
            Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.srt[0].address",
                    () -> ServerConfigValidator.validate(listeners(new SrtListenerRange("play", 1, 2, bad))));
            Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.address",
                    () -> ServerConfigValidator.validate(new ServerConfigDefinition(null,
                            new SrtEndpoint(9999, null, 120, bad), null, List.of(), null)));
        }
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

    private static ServerConfigDefinition other(List<HttpListener> http, String urlPrefix, String clusterKey) {
        return new ServerConfigDefinition(null, null, null, null, null, http, urlPrefix, clusterKey);
    }

    @Test
    void httpListenersHaveDistinctPortsAndIpAddresses() {
        assertDoesNotThrow(() -> ServerConfigValidator.validate(other(List.of(new HttpListener(null, 80),
                new HttpListener("127.0.0.1", 8081), new HttpListener("::1", 8082)), null, null)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.http[0].port",
                () -> ServerConfigValidator.validate(other(List.of(new HttpListener(null, 0)), null, null)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.http[0].address",
                () -> ServerConfigValidator.validate(other(List.of(new HttpListener("example.com", 80)), null, null)));
        Refusals.assertRefused(ConfigException.Kind.CONFLICT, ConfigException.PORT_CONFLICT, "listeners.http[1].port",
                () -> ServerConfigValidator.validate(other(List.of(new HttpListener(null, 80),
                        new HttpListener("127.0.0.1", 80)), null, null)));
    }

    @Test
    void theRtmpPortIsAPortOrZeroAndNotAnHttpListenersOne() {
        for (Integer port : new Integer[]{null, 0, 1935, 65535}) {
            assertDoesNotThrow(() -> ServerConfigValidator.validate(rtmp(port, List.of())), "port " + port);
        }
        assertDoesNotThrow(() -> ServerConfigValidator.validate(rtmp(1936, List.of(new HttpListener(null, 1935)))));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.rtmp[0].port",
                () -> ServerConfigValidator.validate(rtmp(65536, List.of())));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "listeners.rtmp[0].port",
                () -> ServerConfigValidator.validate(rtmp(-1, List.of())));
        Refusals.assertRefused(ConfigException.Kind.CONFLICT, ConfigException.PORT_CONFLICT, "listeners.rtmp[0].port",
                () -> ServerConfigValidator.validate(rtmp(8081, List.of(new HttpListener(null, 80), new HttpListener(null, 8081)))));
    }

    @Test
    void playbackDefaultsAreAWebBackendAndASessionCount() {
        assertDoesNotThrow(() -> ServerConfigValidator.validate(playback("https://auth.example/check", 1)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "on_play",
                () -> ServerConfigValidator.validate(playback("/etc/auth.lua", null)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "max_sessions",
                () -> ServerConfigValidator.validate(playback(null, 0)));
    }

    private static ServerConfigDefinition playback(String onPlay, Integer maxSessions) {
        return new ServerConfigDefinition(null, null, null, List.of(), null, List.of(), null, null, null,
                new PlaybackDefaults(onPlay, maxSessions, false));
    }

    private static ServerConfigDefinition rtmp(Integer port, List<HttpListener> http) {
        return new ServerConfigDefinition(null, null, null, List.of(), null, http, null, null, port);
    }

    @Test
    void urlPrefixIsAWebUrlOrAPathAndTheClusterKeyOneWord() {
        for (String prefix : List.of("http://my.domain.address.com:8080", "https://cdn.example.com/live", "/live")) {
            assertDoesNotThrow(() -> ServerConfigValidator.validate(other(null, prefix, null)), prefix);
        }
        for (String prefix : List.of("ftp://cdn/", "cdn.example.com", "http://cdn/?a=1", "/a b", "")) {
            Refusals.assertInvalid(ConfigException.INVALID_VALUE, "url_prefix",
                    () -> ServerConfigValidator.validate(other(null, prefix, null)));
        }
        assertDoesNotThrow(() -> ServerConfigValidator.validate(other(null, null, "wjFxSiSG6EC6e2")));
        for (String key : List.of("", "two words", "semi;colon", "x".repeat(256))) {
            Refusals.assertInvalid(ConfigException.INVALID_VALUE, "cluster_key",
                    () -> ServerConfigValidator.validate(other(null, null, key)));
        }
    }
}
