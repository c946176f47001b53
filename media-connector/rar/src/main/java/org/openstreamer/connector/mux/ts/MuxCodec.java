package org.openstreamer.connector.mux.ts;

/** The codecs {@link TsMuxer} carries, with their PMT stream_type and PES stream_id base. */
public enum MuxCodec {
    H264(0x1B, 0xE0, true),
    H265(0x24, 0xE0, true),
    AAC(0x0F, 0xC0, false);

    final int streamType;
    final int streamIdBase;
    final boolean video;

    MuxCodec(int streamType, int streamIdBase, boolean video) {
        this.streamType = streamType;
        this.streamIdBase = streamIdBase;
        this.video = video;
    }
}
