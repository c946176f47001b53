package org.openstreamer.connector.ingest.srt.jni;

/**
 * A caller that the {@link SrtListenCallback} let through and libsrt then rejected on its own,
 * typically over the passphrase ({@link SrtRejectReason#BADSECRET}) or the encryption policy
 * ({@link SrtRejectReason#UNSECURE}). Reported by {@link SrtNative#setRejectListener}.
 *
 * @param listenerSocket   the listener the caller reached
 * @param socket           the socket libsrt had set up for the caller, now closed
 * @param localPort        the listener's UDP port
 * @param peerHost         the caller's address
 * @param peerPort         the caller's UDP port
 * @param streamId         the caller's stream id, raw (it may carry a password: do not log it)
 * @param reason           libsrt's reject reason, see {@link SrtRejectReason}
 * @param suppressedBefore rejections dropped by the rate limit since the previous report
 */
public record SrtHandshakeRejection(
        int listenerSocket,
        int socket,
        int localPort,
        String peerHost,
        int peerPort,
        String streamId,
        int reason,
        int suppressedBefore) {

    /** One log line: {@code peer 10.0.0.5:40001 on port 8890: wrong passphrase}. */
    public String describe() {
        String line = "peer " + hostPort(peerHost, peerPort) + " on port " + localPort + ": "
                + SrtRejectReason.describe(reason);
        return suppressedBefore == 0 ? line : line + " (" + suppressedBefore + " earlier rejections not reported)";
    }

    private static String hostPort(String host, int port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
