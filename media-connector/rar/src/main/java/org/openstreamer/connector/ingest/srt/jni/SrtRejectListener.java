package org.openstreamer.connector.ingest.srt.jni;

/** Hears about callers libsrt rejected after the listen callback accepted them. */
@FunctionalInterface
public interface SrtRejectListener {

    /** Runs on the executor given to {@link SrtNative#setRejectListener}; may log, may block. */
    void onRejected(SrtHandshakeRejection rejection);
}
