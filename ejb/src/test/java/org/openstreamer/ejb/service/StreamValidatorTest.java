package org.openstreamer.ejb.service;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.StreamDefinition;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

class StreamValidatorTest {

    static StreamDefinition stream(String name, int segmentDuration, int segmentCount) {
        return new StreamDefinition(name, "Camera 1", false, true, List.of(new InputDefinition("publish://", 1, 60, null)),
                new SrtEndpoint(9001, "0123456789", 120), new SrtEndpoint(0, "securePass", 120),
                new SrtEndpoint(9003, null, 120), segmentDuration, segmentCount, null);
    }

    @Test
    void aCompleteStreamAndTheSegmentLimitsAreAccepted() {
        assertDoesNotThrow(() -> StreamValidator.validate(stream("live/cam1", 4, 4)));
        assertDoesNotThrow(() -> StreamValidator.validate(stream("cam1", 1, 1)));
        assertDoesNotThrow(() -> StreamValidator.validate(stream("cam1", 60, 100)));
    }

    @Test
    void segmentDurationIs1To60AndSegmentCount1To100() {
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "segment_duration", () -> StreamValidator.validate(stream("c", 0, 4)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "segment_duration", () -> StreamValidator.validate(stream("c", 61, 4)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "segment_count", () -> StreamValidator.validate(stream("c", 4, 0)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "segment_count", () -> StreamValidator.validate(stream("c", 4, 101)));
    }

    @Test
    void nameTitleAndMetaAreChecked() {
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "name", () -> StreamValidator.validate(stream("a b", 4, 4)));
        StreamDefinition longTitle = new StreamDefinition("c", "t".repeat(256), false, false, null, null, null, null, 4, 4, null);
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "title", () -> StreamValidator.validate(longTitle));
        StreamDefinition bigMeta = new StreamDefinition("c", null, false, false, null, null, null, null, 4, 4,
                Json.createObjectBuilder().add("k", "v".repeat(StreamValidator.MAX_META_CHARS)).build());
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "meta", () -> StreamValidator.validate(bigMeta));
    }

    @Test
    void endpointsAndInputsAreCheckedWithTheirPaths() {
        StreamDefinition badInput = new StreamDefinition("c", null, false, false,
                List.of(new InputDefinition("http://x/y", null, null, null)), null, null, null, 4, 4, null);
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "inputs[0].url", () -> StreamValidator.validate(badInput));
        StreamDefinition samePort = new StreamDefinition("c", null, false, false, null,
                new SrtEndpoint(9001, null, 120), new SrtEndpoint(9001, null, 120), null, 4, 4, null);
        Refusals.assertRefused(ConfigException.Kind.CONFLICT, ConfigException.PORT_CONFLICT, "srt_publish.port",
                () -> StreamValidator.validate(samePort));
    }
}
