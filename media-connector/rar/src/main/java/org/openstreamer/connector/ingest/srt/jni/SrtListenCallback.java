package org.openstreamer.connector.ingest.srt.jni;

/**
 * Decides about each incoming connection while its handshake is under way (libsrt's
 * {@code srt_listen_callback}), so the server can pick the passphrase and latency per stream.
 *
 * <p>It runs on libsrt's receive thread, which also carries the packets of every connection on
 * that UDP port: keep it short (no I/O, no database; look the stream up in memory). On the new
 * socket it may call {@link SrtNative#setPassphrase}, {@link SrtNative#setOption} with
 * {@link SrtOption#PBKEYLEN}, {@link SrtOption#RCVLATENCY} or {@link SrtOption#PEERLATENCY}; it
 * must not accept, read, write or close it. An exception it throws rejects the caller with
 * {@link SrtRejectReason#INTERNAL_SERVER_ERROR}.
 *
 * <p>Accepting here does not guarantee the connection: libsrt then checks the passphrase and the
 * encryption policy and may still reject the caller. {@link SrtNative#setRejectListener} reports
 * those rejections.
 */
@FunctionalInterface
public interface SrtListenCallback {

    /**
     * @param listenerSocket the listening socket the caller reached
     * @param newSocket      the socket being set up for the caller (not yet accepted)
     * @param hsVersion      handshake version: 5 for SRT 1.3 and later, 4 for the legacy one
     *                       (which carries no stream id)
     * @param peerHost       the caller's address
     * @param peerPort       the caller's UDP port
     * @param streamId       the caller's {@link SrtOption#STREAMID}, "" when it sent none
     * @return 0 to go on, or a reject reason of at least {@link SrtRejectReason#PREDEFINED}
     *         (e.g. {@link SrtRejectReason#NOT_FOUND}), which the caller will see
     */
    int onConnect(int listenerSocket, int newSocket, int hsVersion, String peerHost, int peerPort, String streamId);
}
