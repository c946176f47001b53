package org.openstreamer.web.playback.auth;

/**
 * One viewer's request as the backend hears of it.
 *
 * @param token        the viewer's token (from {@code ?token=}, an SRT streamid or an RTMP query), or null when none came
 * @param type         the protocol: {@code hls}, {@code mpegts}, {@code mp4}, {@code dash}, {@code srt}, {@code rtmp}
 * @param mediaRequest what exactly was asked for, in the reference's words ({@code hls_live-hls_mbr_playlist} ...)
 */
public record PlayRequest(String stream, String ip, String token, String referer, String userAgent, String type,
                          String mediaRequest) {

    /** The same request with this token (one the server made up for a viewer that brought none). */
    public PlayRequest withToken(String t) {
        return new PlayRequest(stream, ip, t, referer, userAgent, type, mediaRequest);
    }

    public SessionKey key() {
        return new SessionKey(stream, ip, token);
    }
}
