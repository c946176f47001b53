package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.api.StreamName;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stream an RTMP publisher names with its application ({@code connect}) and stream name
 * ({@code publish}), as in {@code rtmp://HOST/APP/NAME}: the application {@code static} is only a
 * marker and is left out ({@code static/cam1} is {@code cam1}); any other application is the
 * first part of the name ({@code chats} + {@code my/chat-15} is {@code chats/my/chat-15}, as is
 * {@code chats/my} + {@code chat-15}); an empty stream name leaves the application alone. The
 * query string of either part carries {@code password} and any other arguments (for
 * {@code on_publish}); the stream name's win over the application's.
 *
 * @param stream   the full stream name
 * @param password the {@code password} query parameter, or null
 * @param args     every query argument of both parts, decoded
 */
record RtmpStreamName(String stream, String password, Map<String, String> args) {

    /** Most query arguments kept: the publisher fills them. */
    static final int MAX_ARGS = 32;

    RtmpStreamName {
        args = Map.copyOf(args);
    }

    RtmpStreamName(String stream, String password) {
        this(stream, password, password == null ? Map.of() : Map.of("password", password));
    }

    static final String STATIC_APP = "static";

    /**
     * @throws IllegalArgumentException with a sentence for the publisher when the parts do not
     *                                  make a valid stream name
     */
    static RtmpStreamName parse(String app, String publishName) {
        Map<String, String> args = new LinkedHashMap<>();
        String appPath = app == null ? "" : app;
        int q = appPath.indexOf('?');
        if (q >= 0) {
            addArguments(appPath.substring(q + 1), args);
            appPath = appPath.substring(0, q);
        }
        String name = publishName == null ? "" : publishName;
        q = name.indexOf('?');
        if (q >= 0) {
            addArguments(name.substring(q + 1), args);
            name = name.substring(0, q);
        }
        String password = args.get("password");
        appPath = trimSlashes(appPath);
        name = trimSlashes(name);
        if (appPath.startsWith(STATIC_APP + "/")) {
            appPath = appPath.substring(STATIC_APP.length() + 1); // FFmpeg's split of static/live/cam1
        }
        String stream;
        if (name.isEmpty()) {
            stream = appPath.equals(STATIC_APP) ? "" : appPath;
        } else if (appPath.isEmpty() || appPath.equals(STATIC_APP)) {
            stream = name;
        } else {
            stream = appPath + "/" + name;
        }
        if (stream.isEmpty()) {
            throw new IllegalArgumentException("no stream name: publish to rtmp://HOST/APP/NAME");
        }
        String problem = StreamName.problem(stream);
        if (problem != null) {
            throw new IllegalArgumentException("invalid stream name '" + abbreviate(stream) + "': " + problem);
        }
        return new RtmpStreamName(stream, password, args);
    }

    /** Adds the query's arguments; a later part's win, as does the first of a key within a part. */
    private static void addArguments(String query, Map<String, String> args) {
        Map<String, String> part = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty() || part.size() >= MAX_ARGS) {
                continue;
            }
            int eq = pair.indexOf('=');
            part.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), decode(eq < 0 ? "" : pair.substring(eq + 1)));
        }
        args.putAll(part);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray '%': taken as written
        }
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
