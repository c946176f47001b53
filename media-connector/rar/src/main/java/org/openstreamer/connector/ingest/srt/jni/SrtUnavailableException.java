package org.openstreamer.connector.ingest.srt.jni;

/**
 * The SRT binding cannot run here: no native build for this platform, libsrt not installed, or
 * libsrt failed to start. The message says which and what to install.
 */
public final class SrtUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SrtUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
