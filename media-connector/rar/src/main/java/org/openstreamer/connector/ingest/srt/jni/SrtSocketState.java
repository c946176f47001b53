package org.openstreamer.connector.ingest.srt.jni;

/** The states {@code srt_getsockstate} reports ({@code SRT_SOCKSTATUS}, values 1..9). */
public enum SrtSocketState {
    INIT,
    OPENED,
    LISTENING,
    CONNECTING,
    CONNECTED,
    /** The connection broke (peer gone, timeout); reads drain what is left, then fail. */
    BROKEN,
    CLOSING,
    /** Closed, and still remembered by libsrt for a moment (about a second). */
    CLOSED,
    /** libsrt has never had, or has forgotten, this socket. */
    NONEXIST;

    private static final SrtSocketState[] BY_CODE = values();

    /** The state for a libsrt code; unknown codes read as {@link #NONEXIST}. */
    public static SrtSocketState of(int code) {
        return code >= 1 && code <= BY_CODE.length ? BY_CODE[code - 1] : NONEXIST;
    }

    /** The libsrt code of this state. */
    public int code() {
        return ordinal() + 1;
    }
}
