package org.openstreamer.connector.ingest.srt.jni;

/**
 * libsrt error codes ({@code SRT_ERRNO} in {@code srt.h}: 1000 x major + minor), as returned by
 * {@link SrtNative#lastError()} and carried by {@link SrtException}. Only the ones a server tells
 * apart are named here; {@link SrtNative#errorString(int)} describes any code.
 */
public final class SrtError {

    public static final int SUCCESS = 0;
    public static final int ECONNSETUP = 1000;
    /** The caller's handshake timed out ({@link SrtOption#CONNTIMEO}): no listener answered. */
    public static final int ENOSERVER = 1001;
    /** The peer rejected the connection: {@link SrtNative#getRejectReason(int)} says why. */
    public static final int ECONNREJ = 1002;
    public static final int ESOCKFAIL = 1003;
    public static final int ESECFAIL = 1004;
    public static final int ESCLOSED = 1005;
    public static final int ECONNFAIL = 2000;
    /** The connection broke: peer gone or silent past {@link SrtOption#PEERIDLETIMEO}. */
    public static final int ECONNLOST = 2001;
    public static final int ENOCONN = 2002;
    public static final int ERESOURCE = 3000;
    public static final int ETHREAD = 3001;
    public static final int ENOBUF = 3002;
    public static final int EINVOP = 5000;
    public static final int EBOUNDSOCK = 5001;
    public static final int ECONNSOCK = 5002;
    public static final int EINVPARAM = 5003;
    /** Not a live socket (closed, or never created). */
    public static final int EINVSOCK = 5004;
    public static final int EUNBOUNDSOCK = 5005;
    public static final int ENOLISTEN = 5006;
    public static final int EDUPLISTEN = 5011;
    /** The message is larger than the payload size (live mode) or the buffer. */
    public static final int ELARGEMSG = 5012;
    public static final int EINVPOLLID = 5013;
    public static final int EPOLLEMPTY = 5014;
    /** The UDP port is taken (by another process, or by an SRT socket with other options). */
    public static final int EBINDCONFLICT = 5015;
    public static final int EASYNCFAIL = 6000;
    /** Non-blocking send: no room in the send buffer now. */
    public static final int EASYNCSND = 6001;
    /** Non-blocking receive or accept: nothing there now. */
    public static final int EASYNCRCV = 6002;
    /** A blocking call ran past its timeout ({@link SrtOption#RCVTIMEO}, {@link SrtOption#SNDTIMEO}). */
    public static final int ETIMEOUT = 6003;
    public static final int ECONGEST = 6004;
    public static final int EPEERERR = 7000;

    private SrtError() {
    }

    /** Whether the code means "try again later" rather than a failed socket. */
    public static boolean isWouldBlock(int code) {
        return code == EASYNCRCV || code == EASYNCSND;
    }
}
