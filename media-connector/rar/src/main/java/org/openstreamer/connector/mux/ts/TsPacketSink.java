package org.openstreamer.connector.mux.ts;

/**
 * Where {@link TsMuxer} writes: whole 188-byte packets, {@code buf[off .. off+len)} with
 * {@code len} a multiple of 188. The array is reused after the call returns: copy what you keep.
 */
@FunctionalInterface
public interface TsPacketSink {

    void packets(byte[] buf, int off, int len);
}
