package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.connector.ingest.srt.jni.SrtStats;

import java.util.List;

/**
 * What every accepted SRT connection has: its socket, its peer, the port it came in on, and the
 * name of the stream it publishes to or plays from.
 */
abstract class SrtConnection {

    final int socket;
    final String peer;
    final int port;
    final String stream;

    SrtConnection(int socket, String peer, int port, String stream) {
        this.socket = socket;
        this.peer = peer;
        this.port = port;
        this.stream = stream;
    }

    /** Short description for log lines: {@code publisher 127.0.0.1:5000 on port 9001 of cam1}. */
    String describe() {
        return role() + " " + peer + " on port " + port + " of " + stream;
    }

    abstract String role();

    /** libsrt's counters as this connection knows them now, or null when it has none (closed, not sampled yet). */
    abstract SrtStats currentStats();

    /** Adds the counters of each of {@code connections} that has some to {@code out}. */
    static void addStats(Iterable<? extends SrtConnection> connections, List<SrtConnectionStats> out) {
        for (SrtConnection c : connections) {
            SrtConnectionStats s = c.connectionStats();
            if (s != null) {
                out.add(s);
            }
        }
    }

    /** The counters for monitoring, or null when there are none. */
    final SrtConnectionStats connectionStats() {
        SrtStats s = currentStats();
        return s == null ? null : new SrtConnectionStats(stream, role(), peer, port, s.rttMs(), s.packetsReceived(),
                s.packetsSent(), s.packetsReceivedLost(), s.packetsSentLost(), s.packetsRetransmitted(),
                s.packetsReceivedDropped(), s.packetsSentDropped(), s.packetsReceivedUndecrypted(), s.bytesReceived(),
                s.bytesSent(), s.receiveBufferMs(), s.sendBufferMs(), s.bandwidthMbps());
    }
}
