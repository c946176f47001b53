package org.openstreamer.ejb.validate;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.Backup;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.ejb.model.StreamTemplateDefinition;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamValidatorTest {

    static StreamOptions.Builder complete() {
        return StreamOptions.builder().title("Camera 1").publishEnabled(true)
                .inputs(List.of(new InputDefinition("publish://", 1, 60, null)))
                .srt(new SrtEndpoint(9001, "0123456789", 120)).srtPublish(new SrtEndpoint(0, "securePass", 120))
                .srtPlay(new SrtEndpoint(9003, null, 120)).isStatic(false).clientsTimeout(20).retryLimit(5)
                .password("secure").onPublish("http://auth.example.com/publish").onPlay("https://auth.example.com/play")
                .maxSessions(1000).maxBitrate(5000)
                .dvr(new DvrConfig("/storage", 432_000L, 90, 500_000_000_000L, "8:00-16:00,22-1:30", false))
                .pushes(List.of(new Push("rtmp://cdn.example.com/live/%s", 5, 3, false, 10)))
                .backup(new Backup("vod/blank.mp4"));
    }

    static StreamDefinition stream(UnaryOperator<StreamOptions.Builder> change) {
        return new StreamDefinition("live/cam1", change.apply(complete()).build());
    }

    static void refused(String code, String field, UnaryOperator<StreamOptions.Builder> change) {
        Refusals.assertInvalid(code, field, () -> StreamValidator.validate(stream(change)));
    }

    @Test
    void aCompleteStreamAndTheLimitsAreAccepted() {
        assertDoesNotThrow(() -> StreamValidator.validate(stream(b -> b)));
        assertDoesNotThrow(() -> StreamValidator.validate(StreamDefinition.withDefaults("cam1")));
        assertDoesNotThrow(() -> StreamValidator.validate(stream(b -> b.segmentDuration(1).segmentCount(1)
                .clientsTimeout(0).retryLimit(1).maxSessions(1).maxBitrate(1)
                .dvr(new DvrConfig("@raid1", 1L, 1, 1L, "0-24", true)))));
        assertDoesNotThrow(() -> StreamValidator.validate(stream(b -> b.segmentDuration(60).segmentCount(100)
                .clientsTimeout(86_400).retryLimit(1_000_000).maxSessions(10_000_000).maxBitrate(10_000_000)
                .dvr(new DvrConfig("/", DvrValidator.MAX_DEPTH, 100, null, null, false)))));
    }

    @Test
    void segmentsAndOnDemandSettingsHaveRanges() {
        refused(ConfigException.INVALID_VALUE, "segment_duration", b -> b.segmentDuration(0));
        refused(ConfigException.INVALID_VALUE, "segment_duration", b -> b.segmentDuration(61));
        refused(ConfigException.INVALID_VALUE, "segment_count", b -> b.segmentCount(0));
        refused(ConfigException.INVALID_VALUE, "segment_count", b -> b.segmentCount(101));
        refused(ConfigException.INVALID_VALUE, "clients_timeout", b -> b.clientsTimeout(-1));
        refused(ConfigException.INVALID_VALUE, "clients_timeout", b -> b.clientsTimeout(86_401));
        refused(ConfigException.INVALID_VALUE, "retry_limit", b -> b.retryLimit(0));
        refused(ConfigException.INVALID_VALUE, "max_sessions", b -> b.maxSessions(0));
        refused(ConfigException.INVALID_VALUE, "max_bitrate", b -> b.maxBitrate(0));
    }

    @Test
    void nameTitlePasswordHooksAndMetaAreChecked() {
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "name",
                () -> StreamValidator.validate(new StreamDefinition("a b", complete().build())));
        refused(ConfigException.INVALID_VALUE, "title", b -> b.title("t".repeat(256)));
        refused(ConfigException.INVALID_VALUE, "password", b -> b.password("has space"));
        refused(ConfigException.INVALID_VALUE, "password", b -> b.password(""));
        refused(ConfigException.INVALID_VALUE, "on_publish", b -> b.onPublish("/etc/flussonic/publish.lua"));
        refused(ConfigException.INVALID_VALUE, "on_publish", b -> b.onPublish("ftp://auth/x"));
        refused(ConfigException.INVALID_VALUE, "on_play", b -> b.onPlay("http://"));
        refused(ConfigException.INVALID_VALUE, "on_play", b -> b.onPlay("http://a b/"));
        assertDoesNotThrow(() -> StreamValidator.validate(stream(b -> b.onPlay("securetoken://SECRETKEY"))));
        refused(ConfigException.INVALID_VALUE, "on_play", b -> b.onPlay("securetoken://"));
        refused(ConfigException.INVALID_VALUE, "on_play", b -> b.onPlay("securetoken://has space"));
        assertDoesNotThrow(() -> StreamValidator.validate(stream(b -> b.onPlay("auth://main"))));
        refused(ConfigException.INVALID_VALUE, "on_play", b -> b.onPlay("auth://"));
        refused(ConfigException.INVALID_VALUE, "on_play", b -> b.onPlay("auth://a.b"));
        refused(ConfigException.INVALID_VALUE, "on_publish", b -> b.onPublish("securetoken://KEY"));
        refused(ConfigException.INVALID_VALUE, "meta",
                b -> b.meta(Json.createObjectBuilder().add("k", "v".repeat(StreamOptionsValidator.MAX_META_CHARS)).build()));
    }

    @Test
    void dvrNeedsARootAndSaneLimitsAndSchedule() {
        refused(ConfigException.MISSING_VALUE, "dvr.root", b -> b.dvr(new DvrConfig(null, 3600L, null, null, null, false)));
        refused(ConfigException.INVALID_VALUE, "dvr.root", b -> b.dvr(new DvrConfig("storage", null, null, null, null, false)));
        refused(ConfigException.INVALID_VALUE, "dvr.root", b -> b.dvr(new DvrConfig("/storage/../etc", null, null, null, null, false)));
        refused(ConfigException.INVALID_VALUE, "dvr.root", b -> b.dvr(new DvrConfig("@", null, null, null, null, false)));
        refused(ConfigException.INVALID_VALUE, "dvr.depth", b -> b.dvr(new DvrConfig("/s", 0L, null, null, null, false)));
        refused(ConfigException.INVALID_VALUE, "dvr.disk_limit", b -> b.dvr(new DvrConfig("/s", null, 101, null, null, false)));
        refused(ConfigException.INVALID_VALUE, "dvr.disk_limit", b -> b.dvr(new DvrConfig("/s", null, 0, null, null, false)));
        refused(ConfigException.INVALID_VALUE, "dvr.storage_limit", b -> b.dvr(new DvrConfig("/s", null, null, 0L, null, false)));
        ConfigException e = Refusals.assertInvalid(ConfigException.INVALID_VALUE, "dvr.schedule", () -> StreamValidator.validate(
                stream(b -> b.dvr(new DvrConfig("/s", null, null, null, "8:00-16:00,25-3", false)))));
        assertTrue(e.getMessage().contains("25-3"), e.getMessage());
    }

    @Test
    void pushesHaveAKnownSchemeAndPositiveTimes() {
        refused(ConfigException.MISSING_VALUE, "pushes[0].url", b -> b.pushes(List.of(new Push(null, 5, null, false, null))));
        refused(ConfigException.INVALID_VALUE, "pushes[0].url", b -> b.pushes(List.of(new Push("http://cdn/x", 5, null, false, null))));
        refused(ConfigException.INVALID_VALUE, "pushes[0].url", b -> b.pushes(List.of(new Push("ftp://cdn/x", 5, null, false, null))));
        refused(ConfigException.INVALID_VALUE, "pushes[1].retry_timeout", b -> b.pushes(List.of(
                new Push("srt://cdn:9000", 5, null, false, null), new Push("udp://239.0.0.1:1234", 0, null, false, null))));
        refused(ConfigException.INVALID_VALUE, "pushes[0].retry_limit", b -> b.pushes(List.of(new Push("m4s://cdn/x", 5, 0, false, null))));
        refused(ConfigException.INVALID_VALUE, "pushes[0].timeout", b -> b.pushes(List.of(new Push("hls://cdn/x", 5, null, false, 0))));
        for (String scheme : PushValidator.SCHEMES) {
            assertDoesNotThrow(() -> StreamValidator.validate(stream(b -> b.pushes(List.of(new Push(scheme + "://h/x", 5, null, true, null))))));
        }
    }

    @Test
    void backupIsAFileOfAVodLocation() {
        refused(ConfigException.MISSING_VALUE, "backup.file", b -> b.backup(new Backup(null)));
        for (String bad : List.of("/opt/blank.mp4", "blank.mp4", "vod/../etc/passwd", "file://vod/x.mp4", "vod//x.mp4")) {
            refused(ConfigException.INVALID_VALUE, "backup.file", b -> b.backup(new Backup(bad)));
        }
    }

    @Test
    void endpointsAndInputsAreCheckedWithTheirPaths() {
        refused(ConfigException.INVALID_VALUE, "inputs[0].url", b -> b.inputs(List.of(new InputDefinition("http://x/y", null, null, null))));
        Refusals.assertRefused(ConfigException.Kind.CONFLICT, ConfigException.PORT_CONFLICT, "srt_publish.port",
                () -> StreamValidator.validate(stream(b -> b.srtPublish(new SrtEndpoint(9001, null, 120)))));
    }

    @Test
    void publishLocationsAndTemplatesHaveNoPortsOfTheirOwn() {
        StreamOptions noPorts = complete().srt(null).srtPlay(null).inputs(List.of()).build();
        assertDoesNotThrow(() -> StreamValidator.validate(new PublishLocationDefinition("chats", noPorts)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "srt_publish.port", () -> StreamValidator.validate(
                new PublishLocationDefinition("chats", noPorts.toBuilder().srtPublish(new SrtEndpoint(9000, null, 120)).build())));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "prefix", () -> StreamValidator.validate(
                new PublishLocationDefinition("chats/", noPorts)));
        Refusals.assertInvalid(ConfigException.MISSING_VALUE, "prefix", () -> StreamValidator.validate(
                new StreamTemplateDefinition("nsk", null, noPorts)));
        Refusals.assertInvalid(ConfigException.MISSING_VALUE, "prefix", () -> StreamValidator.validate(
                new PublishLocationDefinition(null, noPorts)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "prefix", () -> StreamValidator.validate(
                new StreamTemplateDefinition("nsk", "chats/", noPorts)));
        Refusals.assertInvalid(ConfigException.INVALID_VALUE, "name", () -> StreamValidator.validate(
                new StreamTemplateDefinition("n s k", "nsk", noPorts)));
        assertDoesNotThrow(() -> StreamValidator.validate(new StreamTemplateDefinition("nsk", "nsk", noPorts.toBuilder()
                .inputs(List.of(new InputDefinition("rtsp://streamer:555/%s", null, null, null))).build())));
    }
}
