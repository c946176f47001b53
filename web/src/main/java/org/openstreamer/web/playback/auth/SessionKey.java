package org.openstreamer.web.playback.auth;

/**
 * What makes a session (the reference: a hash of stream name, client IP and token): another IP,
 * another stream or another token is another session.
 */
public record SessionKey(String stream, String ip, String token) {
}
