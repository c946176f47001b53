package org.openstreamer.ejb.config.text;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.openstreamer.ejb.config.text.DirectiveRule.line;
import static org.openstreamer.ejb.config.text.DirectiveRule.lineOrBlock;

/**
 * The directives of a {@code stream}, {@code ondemand}, {@code live} or {@code template} block and
 * the key of the stream JSON each one sets: the whole mapping from the reference's vocabulary to
 * ours, in one table. The parse always produces these keys; the API's strict reader then decides
 * what this server stores, and a key it does not know yet fails the import with "unsupported
 * directive". Supporting a directive is therefore the model's work; renaming its key is one line here.
 */
final class StreamDirectives {

    /**
     * Stream-level settings that the JSON shape keeps per input: each becomes the value of every
     * input of the block that sets none ({@code tracks 1;} keeps track 1 of each source).
     */
    static final List<String> INPUT_DEFAULTS = List.of("source_timeout", "tracks");

    /** The key an {@code ondemand} block sets to false. */
    static final String STATIC = "static";
    static final String PUBLISH_ENABLED = "publish_enabled";

    static final Map<String, DirectiveRule> RULES = Map.ofEntries(
            entry("input", line("inputs", InputDirective::input)),
            entry("url", line("inputs", InputDirective::input)),             // the older spelling of input
            entry("urls", line("inputs", InputDirective::urls)),
            entry("title", line("title", Values::text)),
            entry("disabled", line("disabled", Values::flag)),
            entry(PUBLISH_ENABLED, line(PUBLISH_ENABLED, Values::flag)),
            entry("srt", lineOrBlock("srt", SrtDirective::endpoint)),
            entry("srt_publish", lineOrBlock("srt_publish", SrtDirective::endpoint)),
            entry("srt_play", lineOrBlock("srt_play", SrtDirective::endpoint)),
            entry("segment_duration", line("segment_duration", Values::seconds)),
            entry("segment_count", line("segment_count", Values::count)),
            entry("segments", line("segment_count", Values::count)),         // the older spelling
            entry("thumbnails", line("thumbnails", StreamDirectives::thumbnails)),
            entry("dvr", line("dvr", DvrDirective::dvr)),
            entry("dvr_offline", line("dvr", DvrDirective::offline)),
            entry("push", line("pushes", PushDirective::push)),
            entry("udp", line("pushes", PushDirective::legacyUdp)),          // legacy: push udp://
            entry("on_publish", line("on_publish", Values::backendUrl)),
            entry("on_play", line("on_play", Values::playBackend)),
            entry("auth", line("on_play", Values::playBackend)),              // the older spelling of on_play
            entry("max_sessions", line("max_sessions", Values::count)),
            entry("soft_limitation", line("soft_limitation", Values::bool)),   // also auth URL soft_limitation=true;
            entry("domains", line("domains", Values::words)),
            entry("domain", line("domains", Values::words)),                   // the reference's one-host spelling
            entry("max_bitrate", line("max_bitrate", Values::count)),
            entry("password", line("password", Values::text)),
            entry("backup", line("backup", Values::text)),
            entry("rtp", line("rtp", Values::text)),
            entry("frames_timeout", line("frames_timeout", Values::seconds)),                          // rtp udp; for RTSP inputs
            entry("retry_limit", line("retry_limit", Values::count)),
            entry("clients_timeout", line("clients_timeout", Values::seconds)),
            entry("client_timeout", line("clients_timeout", Values::seconds)), // a spelling the reference also uses
            entry("source_timeout", line("source_timeout", Values::seconds)),  // an input default, see INPUT_DEFAULTS
            entry("tracks", line("tracks", Values::integers)),                  // an input default, see INPUT_DEFAULTS
            entry("drm", line("drm", DrmDirective::drm)),                    // stored as PUT /drm/NAME stores it
            entry("meta", line("meta", Values::meta)));

    /** A template's name prefix ({@code template nsk { prefix nsk; input rtsp://origin/%s; }}). */
    static final DirectiveRule PREFIX = line("prefix", Values::text);

    /** Legacy directives read and dropped with a warning. */
    static final Map<String, String> LEGACY_IGNORED = Map.of(
            "no_prepush", "the older spelling of 'prepush 0'; this server sends no prepush buffer",
            "hds", "HDS (Flash) is not served");

    /** Why some directives are not supported, for the message; the rest get none. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            entry("transcoder", "this server does not transcode"),
            entry("cluster_ingest", "cluster ingest is not supported"),
            entry("cache", "segment caches are not supported"),
            entry("logo", "player logos are not supported"),
            entry("url_prefix", "url_prefix is a server-wide setting here"));

    private StreamDirectives() {
    }

    /** {@code thumbnails;}: JPEGs decoded from the stream. A camera's snapshot URL is not fetched. */
    static void thumbnails(Directive d, String key, BlockJson json) {
        if (!d.args().isEmpty()) {
            throw Refuse.option(d.at(), "url", "a camera's snapshot URL is not fetched; 'thumbnails;' makes them from"
                    + " the stream's own keyframes");
        }
        Values.flag(d, key, json);
    }
}
