package org.openstreamer.connector.ingest.rtmp;

/** A malformed AMF0 value in a command or data message. */
final class Amf0Exception extends RtmpProtocolException {

    Amf0Exception(String message) {
        super("malformed AMF0: " + message);
    }
}
