package org.openstreamer.connector.ingest.srt;

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
}
