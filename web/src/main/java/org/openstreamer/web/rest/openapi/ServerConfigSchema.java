package org.openstreamer.web.rest.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The server-wide settings: PUT replaces them all. */
@Schema(name = "ServerConfig")
public record ServerConfigSchema(
        @Schema(description = "Global shared SRT port (streamid #!::r=NAME,m=publish or m=request); port required")
        GlobalSrtPort srt,
        @Schema(description = "Global publish SRT port (streamid #!::r=NAME); port required")
        GlobalSrtPort srtPublish,
        @Schema(description = "Global play SRT port (streamid #!::r=NAME); port required")
        GlobalSrtPort srtPlay,
        Listeners listeners,
        @Schema(description = "http:// or https:// base URL of a configuration backend", maxLength = 2048)
        String configExternal,
        @Schema(description = "Written before the segment and playlist URLs of HLS playlists: an http:// or https:// URL"
                + " or a path from /", maxLength = 2048, example = "http://cdn.example.com:8080")
        String urlPrefix,
        @Schema(description = "The key cluster peers authenticate with; a secret (left out of viewers' exports)",
                minLength = 1, maxLength = 255)
        String clusterKey,
        @Schema(description = "http:// or https:// playback backend of the streams without an on_play of their own "
                + "(auth is accepted as its older name)", maxLength = 2048)
        String onPlay,
        @Schema(description = "Most playback sessions on the server at once; one more viewer gets 403 server_full",
                minimum = "1", maximum = "10000000")
        Integer maxSessions,
        @Schema(description = "Refuse (403) a viewer of a stream with on_play or max_sessions that brings no ?token=, "
                + "instead of giving it one", defaultValue = "false")
        Boolean noAutoToken,
        @Schema(description = "soft_limitation of the streams that do not set it: a user over its X-Max-Sessions loses "
                + "sessions only when it is still over 30 s later and they are all in use", defaultValue = "false")
        Boolean softLimitation,
        @Schema(description = "Named playback backends for on_play auth://NAME: name -> rules in the text format "
                + "(allow|deny ip ADDR/CIDR, allow|deny token T, allow|deny ua TEXT, backend URL, allow default)",
                example = "{\"main\": [\"allow ip 192.168.0/24\", \"backend http://127.0.0.1/auth\", \"allow default\"]}")
        java.util.Map<String, List<String>> authBackends) {

    @Schema(name = "Listeners")
    public record Listeners(@Schema(description = "SRT listener port ranges, not overlapping") List<SrtListener> srt,
                            @Schema(description = "Extra HTTP ports, opened and closed at run time beside the main one")
                            List<HttpListener> http) {
    }

    @Schema(name = "HttpListener", requiredProperties = {"port"})
    public record HttpListener(@Schema(minimum = "1", maximum = "65535") Integer port,
                               @Schema(description = "IPv4 or IPv6 address to bind; the main HTTP port's interface when absent")
                               String address) {
    }

    @Schema(name = "GlobalSrtPort", requiredProperties = {"port"})
    public record GlobalSrtPort(@Schema(minimum = "1", maximum = "65535") Integer port,
                                @Schema(description = "Encryption passphrase (none: unencrypted)", minLength = 10, maxLength = 79)
                                String passphrase,
                                @Schema(description = "SRT latency, milliseconds", minimum = "20", maximum = "8000",
                                        defaultValue = "120")
                                Integer latency,
                                @Schema(description = SRT_ADDRESS, example = "192.0.2.10")
                                String address) {
    }

    @Schema(name = "SrtListener", requiredProperties = {"mode", "ports"})
    public record SrtListener(@Schema(enumeration = {"publish", "play"}) String mode, PortRange ports,
                              @Schema(description = SRT_ADDRESS, example = "192.0.2.10") String address) {
    }

    static final String SRT_ADDRESS = "IPv4 address to listen on (0.0.0.0: every interface); the server's SRT bind "
            + "address when absent";

    @Schema(name = "PortRange", requiredProperties = {"first", "last"})
    public record PortRange(@Schema(minimum = "1", maximum = "65535") Integer first,
                            @Schema(minimum = "1", maximum = "65535") Integer last) {
    }
}
