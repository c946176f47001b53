package org.openstreamer.connector.ingest.srt.caller;

import org.openstreamer.connector.ingest.srt.jni.SrtException;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtOption;
import org.openstreamer.connector.ingest.srt.jni.SrtRejectReason;
import org.openstreamer.connector.ingest.srt.jni.SrtSocketState;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * We call an SRT listener: {@code srt://HOST:PORT?streamid=...&passphrase=...&latency=MS}, the
 * options of the reference's SRT page (passphrase 10 to 79 characters, streamid at most 512,
 * latency in ms, libsrt's 120 when not given). Shared by pushes (we send) and pulled inputs (we
 * receive); the socket is non-blocking and the connection completes in the background.
 *
 * @param host       the listener's host
 * @param port       its port
 * @param streamId   sent in the handshake, or null
 * @param passphrase encrypts the connection, or null
 * @param latencyMs  the latency asked for, or -1 for libsrt's default
 */
public record SrtCaller(String host, int port, String streamId, String passphrase, int latencyMs) {

    public static final int MAX_STREAMID = 512;

    /**
     * @param query the URL's query, keys in lower case
     * @throws IllegalArgumentException with a sentence for a bad option value
     */
    public static SrtCaller of(String host, int port, Map<String, String> query) {
        String streamId = query.get("streamid");
        String passphrase = query.get("passphrase");
        if (passphrase != null && (passphrase.length() < 10 || passphrase.length() > 79)) {
            throw new IllegalArgumentException("an SRT passphrase has 10 to 79 characters");
        }
        if (streamId != null && streamId.length() > MAX_STREAMID) {
            throw new IllegalArgumentException("an SRT streamid has at most " + MAX_STREAMID + " characters");
        }
        int latency = -1;
        String l = query.get("latency");
        if (l != null) {
            try {
                latency = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                latency = -2;
            }
            if (latency < 0 || latency > 60_000) {
                throw new IllegalArgumentException("the SRT latency is a number of milliseconds from 0 to 60000, not " + l);
            }
        }
        return new SrtCaller(host, port, streamId, passphrase, latency);
    }

    /** {@code a=1&b=2}, decoded; keys in lower case, a key without {@code =} maps to an empty string. */
    public static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.put(key.toLowerCase(Locale.ROOT), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A non-blocking socket with the options set, connecting; {@link #finished} says when it is done.
     *
     * @throws IOException when libsrt is missing or refuses the options or the address
     */
    public int connect() throws IOException {
        if (!SrtNative.isLoaded()) {
            throw new IOException("libsrt is not available on this server");
        }
        int socket = SrtNative.createSocket();
        try {
            SrtNative.setOption(socket, SrtOption.SNDSYN, false);
            SrtNative.setOption(socket, SrtOption.RCVSYN, false);
            if (latencyMs >= 0) {
                SrtNative.setLatency(socket, latencyMs);
            }
            if (streamId != null) {
                SrtNative.setStreamId(socket, streamId);
            }
            if (passphrase != null) {
                SrtNative.setPassphrase(socket, passphrase);
            }
            SrtNative.connect(socket, host, port);
            return socket;
        } catch (SrtException | IllegalArgumentException e) {
            SrtNative.close(socket);
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Whether the connection of {@code socket} is up: true once connected, false while connecting.
     *
     * @throws IOException when it failed, with libsrt's reject reason (wrong passphrase, refused streamid, timeout)
     */
    public static boolean finished(int socket) throws IOException {
        SrtSocketState state = SrtNative.getSocketState(socket);
        if (state == SrtSocketState.CONNECTED) {
            return true;
        }
        if (state == SrtSocketState.CONNECTING || state == SrtSocketState.OPENED || state == SrtSocketState.INIT) {
            return false;
        }
        int reason = SrtNative.getRejectReason(socket);
        throw new IOException("SRT connection failed: " + SrtRejectReason.describe(reason));
    }
}
