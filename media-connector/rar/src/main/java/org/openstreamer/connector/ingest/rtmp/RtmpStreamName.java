package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.api.StreamName;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The stream an RTMP publisher names with its application ({@code connect}) and stream name
 * ({@code publish}), as in {@code rtmp://HOST/APP/NAME}: the application {@code static} is only a
 * marker and is left out ({@code static/cam1} is {@code cam1}); any other application is the
 * first part of the name ({@code chats} + {@code my/chat-15} is {@code chats/my/chat-15}, as is
 * {@code chats/my} + {@code chat-15}); an empty stream name leaves the application alone. The
 * query string of either part carries {@code password}.
 *
 * @param stream   the full stream name
 * @param password the {@code password} query parameter, or null
 */
record RtmpStreamName(String stream, String password) {

    static final String STATIC_APP = "static";

    /**
     * @throws IllegalArgumentException with a sentence for the publisher when the parts do not
     *                                  make a valid stream name
     */
    static RtmpStreamName parse(String app, String publishName) {
        String password = null;
        String appPath = app == null ? "" : app;
        int q = appPath.indexOf('?');
        if (q >= 0) {
            password = parameter(appPath.substring(q + 1), "password");
            appPath = appPath.substring(0, q);
        }
        String name = publishName == null ? "" : publishName;
        q = name.indexOf('?');
        if (q >= 0) {
            String fromName = parameter(name.substring(q + 1), "password");
            password = fromName != null ? fromName : password;
            name = name.substring(0, q);
        }
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
        return new RtmpStreamName(stream, password);
    }

    private static String parameter(String query, String key) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(key)) {
                try {
                    return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return pair.substring(eq + 1); // a stray '%': taken as written
                }
            }
        }
        return null;
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
