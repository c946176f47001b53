package org.openstreamer.connector.demux.ts;

/** The codecs the demuxer knows, as PMT stream types and descriptors name them. */
enum TsCodec {
    H264("h264", TsTrack.Kind.VIDEO),
    H265("h265", TsTrack.Kind.VIDEO),
    AAC("aac", TsTrack.Kind.AUDIO),
    MP3("mp3", TsTrack.Kind.AUDIO),
    AC3("ac3", TsTrack.Kind.AUDIO),
    UNKNOWN("unknown", TsTrack.Kind.OTHER);

    static final int STREAM_TYPE_MPEG1_AUDIO = 0x03;
    static final int STREAM_TYPE_MPEG2_AUDIO = 0x04;
    static final int STREAM_TYPE_PRIVATE_PES = 0x06;
    static final int STREAM_TYPE_AAC_ADTS = 0x0F;
    static final int STREAM_TYPE_H264 = 0x1B;
    static final int STREAM_TYPE_H265 = 0x24;
    static final int STREAM_TYPE_ATSC_AC3 = 0x81;

    final String codecName;
    final TsTrack.Kind kind;

    TsCodec(String codecName, TsTrack.Kind kind) {
        this.codecName = codecName;
        this.kind = kind;
    }

    /**
     * Stream types whose packets carry sections, not PES: private sections (0x05), DSM-CC
     * (0x0A..0x0D), SCTE-35 splice information (0x86). Listed as tracks, never parsed as PES.
     */
    static boolean carriesSections(int streamType) {
        return streamType == 0x05 || (streamType >= 0x0A && streamType <= 0x0D) || streamType == 0x86;
    }

    /**
     * @param ac3Signalled the ES_info carries the DVB AC-3 descriptor (0x6A) or an "AC-3"
     *                     registration descriptor
     */
    static TsCodec of(int streamType, boolean ac3Signalled) {
        return switch (streamType) {
            case STREAM_TYPE_H264 -> H264;
            case STREAM_TYPE_H265 -> H265;
            case STREAM_TYPE_AAC_ADTS -> AAC;
            case STREAM_TYPE_MPEG1_AUDIO, STREAM_TYPE_MPEG2_AUDIO -> MP3;
            case STREAM_TYPE_ATSC_AC3 -> AC3;
            case STREAM_TYPE_PRIVATE_PES -> ac3Signalled ? AC3 : UNKNOWN;
            default -> UNKNOWN;
        };
    }
}
