package org.openstreamer.connector.mux.ts;

/**
 * A {@link TsPacketSink} in the same process that also learns where each access unit's PES is,
 * so that it can take the frame from the muxer instead of parsing the packets again (the ingest
 * session hands RTMP and RTSP access units to the hub this way).
 */
public interface TsMuxListener extends TsPacketSink {

    /**
     * The whole PES of the next access unit, header included, {@code pes[off .. off+len)}: its
     * packets follow through {@link #packets}, the first of them the next packet on {@code pid}
     * with payload_unit_start set. The array is the muxer's and stays as it is until that access
     * unit's packets have all been passed; copy what you keep.
     */
    void pes(int pid, byte[] pes, int off, int len);
}
