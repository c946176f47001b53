package org.openstreamer.connector.ingest.rtmp;

/**
 * The peer broke the protocol (bad handshake, chunk, message or command): its connection is
 * closed with this message in the log, and nothing else is affected.
 */
class RtmpProtocolException extends RuntimeException {

    RtmpProtocolException(String message) {
        super(message);
    }
}
