package org.openstreamer.connector.ingest.srt.jni;

/**
 * A libsrt call failed: the operation, libsrt's error code ({@link SrtError}) and text, and for a
 * refused {@code connect} the reject reason ({@link SrtRejectReason}) the listener gave.
 */
public final class SrtException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final int rejectReason;

    public SrtException(String operation, int code, String text, int rejectReason) {
        super(message(operation, code, text, rejectReason));
        this.code = code;
        this.rejectReason = rejectReason;
    }

    /** libsrt's error code, e.g. {@link SrtError#ECONNREJ}. */
    public int code() {
        return code;
    }

    /** The reject reason when {@link #code()} is {@link SrtError#ECONNREJ}, else {@link SrtRejectReason#UNKNOWN}. */
    public int rejectReason() {
        return rejectReason;
    }

    public boolean isRejected() {
        return code == SrtError.ECONNREJ;
    }

    private static String message(String operation, int code, String text, int rejectReason) {
        StringBuilder b = new StringBuilder(operation).append(" failed: ").append(text).append(" (").append(code).append(')');
        if (code == SrtError.ECONNREJ) {
            b.append(", reject reason ").append(rejectReason).append(": ").append(SrtRejectReason.describe(rejectReason));
        }
        return b.toString();
    }
}
