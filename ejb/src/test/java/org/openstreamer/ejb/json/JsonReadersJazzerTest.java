package org.openstreamer.ejb.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.fuzz.MutationFuzzer;
import org.openstreamer.ejb.error.ConfigException;

import java.util.stream.Stream;

/**
 * The {@link JsonReadersFuzzTest} byte targets under Jazzer, coverage-guided, one per entity, with the
 * same corpora and rules (allowed: {@link ConfigException}). A normal test run replays the seeds;
 * {@code JAZZER_FUZZ=1} fuzzes one method at a time (docs/reliability.md).
 */
class JsonReadersJazzerTest {

    private static final MutationFuzzer STREAM = JsonReadersFuzzTest.fuzzer("json-stream");
    private static final MutationFuzzer PUBLISH_LOCATION = JsonReadersFuzzTest.fuzzer("json-publish-location");
    private static final MutationFuzzer TEMPLATE = JsonReadersFuzzTest.fuzzer("json-template");
    private static final MutationFuzzer SERVER_CONFIG = JsonReadersFuzzTest.fuzzer("json-server-config");
    private static final MutationFuzzer NOTIFY_SINK = JsonReadersFuzzTest.fuzzer("json-notify-sink");

    static Stream<byte[]> streamSeeds() {
        return STREAM.seeds().stream();
    }

    static Stream<byte[]> publishLocationSeeds() {
        return PUBLISH_LOCATION.seeds().stream();
    }

    static Stream<byte[]> templateSeeds() {
        return TEMPLATE.seeds().stream();
    }

    static Stream<byte[]> serverConfigSeeds() {
        return SERVER_CONFIG.seeds().stream();
    }

    static Stream<byte[]> notifySinkSeeds() {
        return NOTIFY_SINK.seeds().stream();
    }

    @MethodSource("streamSeeds")
    @FuzzTest(maxDuration = "30s")
    void stream(byte[] input) throws Exception {
        STREAM.check(input, JsonReadersFuzzTest.bodyTarget(JsonReadersFuzzTest::stream));
    }

    @MethodSource("publishLocationSeeds")
    @FuzzTest(maxDuration = "30s")
    void publishLocation(byte[] input) throws Exception {
        PUBLISH_LOCATION.check(input, JsonReadersFuzzTest.bodyTarget(JsonReadersFuzzTest::publishLocation));
    }

    @MethodSource("templateSeeds")
    @FuzzTest(maxDuration = "30s")
    void template(byte[] input) throws Exception {
        TEMPLATE.check(input, JsonReadersFuzzTest.bodyTarget(JsonReadersFuzzTest::template));
    }

    @MethodSource("serverConfigSeeds")
    @FuzzTest(maxDuration = "30s")
    void serverConfig(byte[] input) throws Exception {
        SERVER_CONFIG.check(input, JsonReadersFuzzTest.bodyTarget(JsonReadersFuzzTest::serverConfig));
    }

    @MethodSource("notifySinkSeeds")
    @FuzzTest(maxDuration = "30s")
    void notifySink(byte[] input) throws Exception {
        NOTIFY_SINK.check(input, JsonReadersFuzzTest.bodyTarget(JsonReadersFuzzTest::notifySink));
    }
}
