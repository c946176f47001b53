package org.openstreamer.ejb.config.text;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.openstreamer.ejb.config.text.DirectiveRule.line;
import static org.openstreamer.ejb.config.text.DirectiveRule.lineOrBlock;

/**
 * The global directives and the key of the server-config JSON each one sets (see
 * {@link StreamDirectives} for how the table and the API's strict reader share the work).
 */
final class ServerDirectives {

    /** Protocols whose listen ports are global one-line directives ({@code http 80;}). */
    static final List<String> LISTENERS = List.of("http", "https", "rtmp", "rtmps", "rtsp", "rtsps");

    static final Map<String, DirectiveRule> RULES = Map.ofEntries(
            entry("http", line("listeners.http", ListenerDirective::port)),
            entry("https", line("listeners.https", ListenerDirective::port)),
            entry("rtmp", line("listeners.rtmp", ListenerDirective::port)),
            entry("rtmps", line("listeners.rtmps", ListenerDirective::port)),
            entry("rtsp", line("listeners.rtsp", ListenerDirective::port)),
            entry("rtsps", line("listeners.rtsps", ListenerDirective::port)),
            entry("listeners", lineOrBlock("listeners", ListenerDirective::block)),
            entry("srt", lineOrBlock("srt", SrtDirective::endpoint)),
            entry("srt_publish", lineOrBlock("srt_publish", SrtDirective::endpoint)),
            entry("srt_play", lineOrBlock("srt_play", SrtDirective::endpoint)),
            entry("config_external", line("config_external", Values::text)),
            entry("url_prefix", line("url_prefix", Values::text)),
            entry("cluster_key", line("cluster_key", Values::text)),
            // playback defaults: the backend of streams without their own, the server's session limit
            entry("on_play", line("on_play", Values::playBackend)),
            entry("auth", line("on_play", Values::playBackend)),              // the older spelling of on_play
            entry("max_sessions", line("max_sessions", Values::count)),
            entry("soft_limitation", line("soft_limitation", Values::bool)),   // also auth URL soft_limitation=true;
            entry("no_auto_token", line("no_auto_token", Values::flag)));

    /** Why some global directives are not supported, for the message; the rest get none. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            entry("edit_auth", "accounts are kept in the users table, not in the configuration"),
            entry("view_auth", "accounts are kept in the users table, not in the configuration"),
            entry("file", "VOD locations are not supported"),
            entry("source", "relaying from other servers is not supported"),
            entry("peer", "peering is not supported; servers share one PostgreSQL instead"),
            entry("plugin", "plugins are not supported"),
            entry("aliaser", "Lua scripts are not run by this server"),
            entry("web_script", "Lua scripts are not run by this server"));

    private ServerDirectives() {
    }
}
