package org.openstreamer.connector.auth;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@code on_publish} backend is told about a publisher, in the reference's names: a
 * {@code POST} of the JSON object {@code {"name", "location", "proto", "args", "ip"}}.
 *
 * @param backend  the backend's URL ({@code on_publish} of the stream, location or template)
 * @param name     the full stream name ({@code chats/15})
 * @param location the publish location or template prefix the name is under ({@code chats}), or the
 *                 stream's own name when it is configured itself
 * @param proto    {@code srt}, {@code rtmp} or {@code mpegts} (HTTP MPEG-TS)
 * @param args     the publisher's query arguments (RTMP: from the published name and application;
 *                 HTTP: the URL's query; SRT: the streamid's {@code key=value} pairs)
 * @param ip       the publisher's address, without the port
 */
public record OnPublishRequest(String backend, String name, String location, String proto,
                               Map<String, String> args, String ip) {

    public OnPublishRequest {
        args = args == null ? Map.of() : Map.copyOf(args);
    }

    /** The request body; arguments in key order, so equal requests have equal bodies. */
    public String toJson() {
        StringBuilder b = new StringBuilder(128);
        b.append('{');
        field(b, "name", name).append(',');
        field(b, "location", location).append(',');
        field(b, "proto", proto).append(',');
        string(b, "args").append(":{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(args).entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            field(b, e.getKey(), e.getValue());
        }
        b.append("},");
        field(b, "ip", ip).append('}');
        return b.toString();
    }

    /** What a denial is remembered by: the same publisher (address, arguments) for the same stream and backend. */
    String memoryKey() {
        return backend + '\n' + name + '\n' + proto + '\n' + ip + '\n' + new TreeMap<>(args);
    }

    private static StringBuilder field(StringBuilder b, String key, String value) {
        string(b, key).append(':');
        return value == null ? b.append("null") : string(b, value);
    }

    private static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
