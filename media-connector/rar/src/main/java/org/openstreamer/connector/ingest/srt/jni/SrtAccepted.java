package org.openstreamer.connector.ingest.srt.jni;

/**
 * A connection taken off a listener by {@link SrtNative#accept(int)}.
 *
 * @param socket   the new SRT socket, connected
 * @param peerHost the caller's address as text (IPv4 dotted, or IPv6)
 * @param peerPort the caller's UDP port
 */
public record SrtAccepted(int socket, String peerHost, int peerPort) {
}
