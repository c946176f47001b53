package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.ingest.srt.jni.SrtStats;

/**
 * What every accepted SRT connection has: its socket, its peer, the port it came in on, and the
 * live stream it publishes to or plays from.
 */
abstract class SrtConnection {

    final int socket;
    final String peer;
    final int port;
    final LiveStream stream;
    final long connectedNanos = System.nanoTime();

    SrtConnection(int socket, String peer, int port, LiveStream stream) {
        this.socket = socket;
        this.peer = peer;
        this.port = port;
        this.stream = stream;
    }

    /** Short description for log lines: {@code publisher 127.0.0.1:5000 on port 9001 of cam1}. */
    String describe() {
        return role() + " " + peer + " on port " + port + " of " + stream.name();
    }

    abstract String role();

    /** Statistics as event data. */
    static void putStats(java.util.Map<String, String> data, SrtStats stats) {
        if (stats == null) {
            return;
        }
        data.put("srt_stats", stats.toString());
    }
}
