package org.openstreamer.connector.packager.hls;

/**
 * The server's {@code url_prefix} laid over a playlist: every URL line (segment or variant
 * playlist), relative to the playlist, becomes {@code PREFIX/STREAM/FOLDER/URL}, so players fetch
 * them from a CDN or another host while the playlist itself comes from here.
 */
public final class UrlPrefix {

    private UrlPrefix() {
    }

    /**
     * @param playlist the playlist's text (null passes through)
     * @param prefix   the prefix, or null to leave the text as it is
     * @param stream   the stream's name
     * @param path     the playlist's path under the stream ({@code index.m3u8}, {@code tracks-1,3/index.m3u8})
     */
    public static String apply(String playlist, String prefix, String stream, String path) {
        if (playlist == null || prefix == null) {
            return playlist;
        }
        String base = (prefix.endsWith("/") ? prefix : prefix + "/") + stream + "/" + path.substring(0, path.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder(playlist.length() + 32 * base.length());
        int start = 0;
        while (start < playlist.length()) {
            int end = playlist.indexOf('\n', start);
            end = end < 0 ? playlist.length() : end + 1;
            char first = playlist.charAt(start);
            if (first != '#' && first != '\n' && first != '\r') {
                out.append(base);
            }
            out.append(playlist, start, end);
            start = end;
        }
        return out.toString();
    }
}
