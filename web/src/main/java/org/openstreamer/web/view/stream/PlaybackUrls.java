package org.openstreamer.web.view.stream;

import org.openstreamer.connector.api.SrtEndpoint;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses a viewer plays a stream at, as the stream page lists them ready to copy: HLS,
 * MPEG-TS over HTTP, every SRT port that serves the stream (with the streamid that port needs),
 * RTMP, and an HTML snippet. Pure: built from the request's address and the settings.
 *
 * @param httpBase      {@code scheme://host:port} of this server as the browser reached it
 * @param host          the host name alone, for the SRT and RTMP addresses
 * @param name          the stream
 * @param token         the playback token to append ({@code ?token=}), or null when playback is open
 * @param streamSrtPlay the stream's own {@code srt_play}, or null
 * @param streamSrt     the stream's own {@code srt} (publish and play on one port), or null
 * @param serverSrtPlay the server's {@code srt_play}, or null
 * @param serverSrt     the server's {@code srt}, or null
 * @param rtmpPort      the RTMP listener's port (offset applied), 0 when RTMP is off
 * @param showSecrets   whether SRT passphrases are written out (admins) or left as {@code PASSPHRASE}
 */
public record PlaybackUrls(String httpBase, String host, String name, String token, SrtEndpoint streamSrtPlay,
                           SrtEndpoint streamSrt, SrtEndpoint serverSrtPlay, SrtEndpoint serverSrt, int rtmpPort,
                           boolean showSecrets) {

    /** One labelled address. */
    public record Url(String id, String label, String value) {
    }

    public String hls() {
        return httpBase + "/" + name + "/index.m3u8" + tokenQuery();
    }

    public List<Url> all() {
        List<Url> urls = new ArrayList<>();
        urls.add(new Url("hls", "HLS", hls()));
        urls.add(new Url("mpegts", "MPEG-TS over HTTP", httpBase + "/" + name + "/mpegts" + tokenQuery()));
        // Each SRT port that serves the stream, its own first: a caller needs the streamid only on a shared port.
        srt(urls, "srtPlay", "SRT (stream's play port)", streamSrtPlay, null);
        srt(urls, "srtStream", "SRT (stream's port)", streamSrt, "#!::m=request");
        srt(urls, "srtServerPlay", "SRT (server's play port)", serverSrtPlay, "#!::r=" + name);
        srt(urls, "srtServer", "SRT (server's port)", serverSrt, "#!::r=" + name + ",m=request");
        if (rtmpPort > 0) {
            urls.add(new Url("rtmp", "RTMP", "rtmp://" + hostForUrl() + (rtmpPort == 1935 ? "" : ":" + rtmpPort)
                    + "/static/" + name));
        }
        urls.add(new Url("embed", "Embed (HTML)", embed()));
        return urls;
    }

    /** A video element with hls.js served by this server (browsers without native HLS need it). */
    String embed() {
        String id = "openstreamer-" + name.replaceAll("[^A-Za-z0-9_-]", "-");
        String src = hls().replace("\"", "&quot;");
        return "<video id=\"" + id + "\" controls autoplay muted playsinline width=\"640\" height=\"360\"></video>\n"
                + "<script src=\"" + httpBase + "/jakarta.faces.resource/js/hls/dist/hls.light.min.js.xhtml\"></script>\n"
                + "<script>(function(v,s){if(v.canPlayType('application/vnd.apple.mpegurl')){v.src=s;}"
                + "else if(window.Hls&&Hls.isSupported()){var h=new Hls();h.loadSource(s);h.attachMedia(v);}})"
                + "(document.getElementById('" + id + "'),\"" + src + "\");</script>";
    }

    private void srt(List<Url> urls, String id, String label, SrtEndpoint e, String streamid) {
        if (e == null || e.port() <= 0) {
            return;
        }
        List<String> query = new ArrayList<>();
        if (streamid != null) {
            query.add("streamid=" + streamid); // written as is: ffmpeg passes it undecoded (srt.md)
        }
        if (e.passphrase() != null && !e.passphrase().isEmpty()) {
            query.add("passphrase=" + (showSecrets ? URLEncoder.encode(e.passphrase(), StandardCharsets.UTF_8) : "PASSPHRASE"));
        }
        urls.add(new Url(id, label, "srt://" + hostForUrl() + ":" + e.port() + (query.isEmpty() ? "" : "?" + String.join("&", query))));
    }

    private String tokenQuery() {
        return token == null ? "" : "?token=" + token;
    }

    private String hostForUrl() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
