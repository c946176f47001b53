package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.mux.ts.MuxCodec;
import org.openstreamer.connector.mux.ts.MuxTrack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the FLV tag bodies of RTMP audio and video messages into access units with 90 kHz
 * timestamps: H.264 (codec id 7) and, by enhanced RTMP, H.265 ({@code hvc1}) or H.264
 * ({@code avc1}) with their decoder configuration records as sequence headers and length-prefixed
 * NAL units as frames; AAC with its AudioSpecificConfig and raw frames.
 *
 * <p>The muxer needs every track at once, RTMP announces them one by one: tracks are declared
 * when each kind the metadata announced has its sequence header, or (without metadata) at the
 * first coded frame, or when {@link #WAIT_FOR_HEADERS_MS} of coded frames passed without the
 * missing header. Frames before that are dropped. Other codecs are ignored with one warning each.
 * Frames are passed on without copying; only sequence headers are copied.
 */
final class FlvAccessUnits {

    static final int VIDEO_PID = 0x100;
    static final int AUDIO_PID = 0x101;
    static final long WAIT_FOR_HEADERS_MS = 2000;

    private static final int AVC_CODEC_ID = 7;
    private static final int AAC_SOUND_FORMAT = 10;
    private static final int EX_HEADER_SOUND_FORMAT = 9;
    private static final int FOURCC_AVC1 = fourCc("avc1");
    private static final int FOURCC_HVC1 = fourCc("hvc1");

    private final AccessUnitTarget target;
    private final Consumer<String> warn;
    private Boolean expectVideo;
    private Boolean expectAudio;
    private MuxCodec videoCodec;
    private byte[] videoConfig;
    private byte[] audioConfig;
    private boolean declared;
    private int videoTrack = -1;
    private int audioTrack = -1;
    private long firstCodedMs = -1;
    private long droppedEarly;
    private final java.util.Set<String> warned = new java.util.HashSet<>();
    private final TimestampUnwrapper clock = new TimestampUnwrapper();

    /** @param warn gets one line per kind of problem, the first time it happens */
    FlvAccessUnits(AccessUnitTarget target, Consumer<String> warn) {
        this.target = target;
        this.warn = warn;
    }

    /** Frames dropped while waiting for the sequence headers. */
    long droppedEarly() {
        return droppedEarly;
    }

    /** The {@code onMetaData} properties: which kinds of tracks to wait for. */
    void metadata(Map<?, ?> properties) {
        if (declared) {
            return;
        }
        expectVideo = announced(properties.get("videocodecid"));
        expectAudio = announced(properties.get("audiocodecid"));
    }

    private static boolean announced(Object codecId) {
        return codecId instanceof String s ? !s.isEmpty() : codecId instanceof Number n && n.doubleValue() != 0;
    }

    /** The body of an RTMP video message (an FLV VIDEODATA tag body) at {@code timestampMs}. */
    void video(long timestampMs, byte[] buf, int off, int len) {
        if (len < 1) {
            return;
        }
        int b0 = buf[off] & 0xFF;
        boolean keyframe;
        MuxCodec codec;
        int packetType;
        int cts = 0;
        int data;
        if ((b0 & 0x80) != 0) { // enhanced RTMP: FourCC instead of a codec id
            keyframe = ((b0 >>> 4) & 0x07) == 1;
            packetType = b0 & 0x0F;
            if (len < 5) {
                throw new RtmpProtocolException("enhanced video tag of " + len + " bytes");
            }
            int fourCc = ((buf[off + 1] & 0xFF) << 24) | ((buf[off + 2] & 0xFF) << 16) | ((buf[off + 3] & 0xFF) << 8)
                    | (buf[off + 4] & 0xFF);
            codec = fourCc == FOURCC_HVC1 ? MuxCodec.H265 : fourCc == FOURCC_AVC1 ? MuxCodec.H264 : null;
            if (codec == null) {
                once("video codec " + fourCcText(fourCc) + " is not supported: video ignored");
                return;
            }
            data = off + 5;
            switch (packetType) {
                case 0 -> packetType = 0; // sequence start
                case 1 -> { // coded frames with a composition time
                    if (len < 8) {
                        throw new RtmpProtocolException("enhanced coded frame of " + len + " bytes");
                    }
                    cts = si24(buf, data);
                    data += 3;
                    packetType = 1;
                }
                case 3 -> packetType = 1; // coded frames, composition time 0
                default -> {
                    return; // sequence end, metadata, and what this server does not use
                }
            }
        } else {
            int codecId = b0 & 0x0F;
            if (codecId != AVC_CODEC_ID) {
                once("video codec id " + codecId + " is not supported (H.264, or H.265 by enhanced RTMP): video ignored");
                return;
            }
            if (len < 5) {
                throw new RtmpProtocolException("AVC video tag of " + len + " bytes");
            }
            codec = MuxCodec.H264;
            keyframe = (b0 >>> 4) == 1;
            packetType = buf[off + 1] & 0xFF;
            cts = si24(buf, off + 2);
            data = off + 5;
            if (packetType > 1) {
                return; // end of sequence
            }
        }
        int size = off + len - data;
        if (packetType == 0) {
            if (size > 0) { // an empty one announces the codec only
                videoHeader(codec, Arrays.copyOfRange(buf, data, data + size));
            }
        } else if (size > 0 && ready(timestampMs) && videoTrack >= 0) {
            long dts = clock.dts90k(timestampMs);
            target.accessUnit(videoTrack, dts + cts * 90L, dts, keyframe, buf, data, size);
        }
    }

    /** The body of an RTMP audio message (an FLV AUDIODATA tag body) at {@code timestampMs}. */
    void audio(long timestampMs, byte[] buf, int off, int len) {
        if (len < 1) {
            return;
        }
        int format = (buf[off] & 0xFF) >>> 4;
        if (format != AAC_SOUND_FORMAT) {
            once(format == EX_HEADER_SOUND_FORMAT ? "enhanced RTMP audio is not supported: audio ignored"
                    : "sound format " + format + " is not supported (AAC only): audio ignored");
            return;
        }
        if (len < 2) {
            throw new RtmpProtocolException("AAC audio tag of " + len + " bytes");
        }
        int size = len - 2;
        if (buf[off + 1] == 0) {
            // FFmpeg copying ADTS sends an empty one first, then the real one once it has it
            if (size > 0) {
                audioHeader(Arrays.copyOfRange(buf, off + 2, off + len));
            }
        } else if (size > 0 && ready(timestampMs) && audioTrack >= 0) {
            long dts = clock.dts90k(timestampMs);
            target.accessUnit(audioTrack, dts, dts, true, buf, off + 2, size);
        }
    }

    private void videoHeader(MuxCodec codec, byte[] config) {
        if (!declared) {
            videoCodec = codec;
            videoConfig = config;
            declareIfComplete();
        } else if (videoTrack >= 0 && codec == videoCodec) {
            if (!Arrays.equals(config, videoConfig)) {
                videoConfig = config;
                target.sequenceHeader(videoTrack, config);
            }
        } else {
            once("a video sequence header came after the tracks were set: ignored");
        }
    }

    private void audioHeader(byte[] config) {
        if (!declared) {
            audioConfig = config;
            declareIfComplete();
        } else if (audioTrack >= 0) {
            if (!Arrays.equals(config, audioConfig)) {
                audioConfig = config;
                target.sequenceHeader(audioTrack, config);
            }
        } else {
            once("an audio sequence header came after the tracks were set: ignored");
        }
    }

    /** Declares as soon as every announced kind has its header (both, when nothing was announced). */
    private void declareIfComplete() {
        boolean video = videoConfig != null || Boolean.FALSE.equals(expectVideo);
        boolean audio = audioConfig != null || Boolean.FALSE.equals(expectAudio);
        if (video && audio) {
            declare();
        }
    }

    /** True once the tracks are declared; a coded frame before that may force the declaration. */
    private boolean ready(long timestampMs) {
        if (declared) {
            return true;
        }
        if (firstCodedMs < 0) {
            firstCodedMs = timestampMs;
        }
        boolean announced = expectVideo != null || expectAudio != null;
        boolean waitedEnough = !announced || timestampMs - firstCodedMs >= WAIT_FOR_HEADERS_MS
                || timestampMs < firstCodedMs;
        if (waitedEnough && (videoConfig != null || audioConfig != null)) {
            if (announced) {
                once("declaring the tracks without the " + (videoConfig == null ? "video" : "audio")
                        + " sequence header the metadata announced");
            }
            declare();
            return true;
        }
        droppedEarly++;
        if (waitedEnough) {
            once("coded frames without any sequence header: dropped");
        }
        return false;
    }

    private void declare() {
        List<MuxTrack> tracks = new ArrayList<>(2);
        if (videoConfig != null) {
            videoTrack = tracks.size();
            tracks.add(new MuxTrack(VIDEO_PID, videoCodec, videoConfig));
        }
        if (audioConfig != null) {
            audioTrack = tracks.size();
            tracks.add(new MuxTrack(AUDIO_PID, MuxCodec.AAC, audioConfig));
        }
        declared = true;
        try {
            target.declareTracks(tracks);
        } catch (IllegalArgumentException e) {
            throw new RtmpProtocolException("unusable sequence header: " + e.getMessage());
        }
    }

    private void once(String problem) {
        if (warned.add(problem)) {
            warn.accept(problem);
        }
    }

    private static int si24(byte[] b, int at) {
        int v = ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
        return (v << 8) >> 8;
    }

    private static int fourCc(String s) {
        return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
    }

    private static String fourCcText(int v) {
        char[] c = {(char) ((v >>> 24) & 0xFF), (char) ((v >>> 16) & 0xFF), (char) ((v >>> 8) & 0xFF), (char) (v & 0xFF)};
        for (char ch : c) {
            if (ch < 0x20 || ch > 0x7E) {
                return "0x" + Integer.toHexString(v);
            }
        }
        return "'" + new String(c) + "'";
    }

    /** RTMP timestamps are 32-bit milliseconds: unwrapped, then scaled to 90 kHz. */
    static final class TimestampUnwrapper {
        private long last = -1;
        private long base;

        long dts90k(long timestampMs) {
            if (last >= 0 && timestampMs < last && last - timestampMs > 0x80000000L) {
                base += 0x100000000L;
            }
            last = timestampMs;
            return (base + timestampMs) * 90;
        }
    }
}
