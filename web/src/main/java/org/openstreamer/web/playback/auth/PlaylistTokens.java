package org.openstreamer.web.playback.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a viewer's token into every URL of an HLS playlist (segment and variant lines, and the
 * {@code URI="..."} of tags), so the player asks for each of them within its own session.
 */
public final class PlaylistTokens {

    private static final String URI_ATTR = "URI=\"";

    private PlaylistTokens() {
    }

    public static String rewrite(String playlist, String token) {
        String param = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(playlist.length() + 64 * param.length());
        int i = 0;
        int n = playlist.length();
        while (i < n) {
            int end = playlist.indexOf('\n', i);
            int next = end < 0 ? n : end + 1;
            int lineEnd = end < 0 ? n : end > i && playlist.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = playlist.substring(i, lineEnd);
            if (line.isBlank()) {
                out.append(line);
            } else if (line.startsWith("#")) {
                tagged(out, line, param);
            } else {
                withParam(out, line, param);
            }
            out.append(playlist, lineEnd, next);
            i = next;
        }
        return out.toString();
    }

    /** A tag line with each {@code URI="..."} value given the token. */
    private static void tagged(StringBuilder out, String line, String param) {
        int from = 0;
        int at;
        while ((at = line.indexOf(URI_ATTR, from)) >= 0) {
            int start = at + URI_ATTR.length();
            int close = line.indexOf('"', start);
            if (close < 0) {
                break;
            }
            out.append(line, from, start);
            withParam(out, line.substring(start, close), param);
            from = close;
        }
        out.append(line, from, line.length());
    }

    private static void withParam(StringBuilder out, String uri, String param) {
        int hash = uri.indexOf('#');
        String base = hash < 0 ? uri : uri.substring(0, hash);
        out.append(base).append(base.indexOf('?') < 0 ? '?' : '&').append(param);
        if (hash >= 0) {
            out.append(uri, hash, uri.length());
        }
    }
}
