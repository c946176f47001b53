package org.openstreamer.connector.mux.ts;

import java.util.Objects;

/**
 * One track a source declares before its first access unit.
 * <p>
 * Without a {@code config}, access units arrive as the transport stream carries them: video in
 * Annex B (start codes), AAC as ADTS frames. With one, they arrive as RTMP and MP4 carry them:
 * video NAL units length-prefixed, described by an AVCDecoderConfigurationRecord (H.264) or
 * HEVCDecoderConfigurationRecord (H.265), AAC as raw frames described by an AudioSpecificConfig.
 *
 * @param pid    the TS packet identifier to carry it on, 0x20..0x1FFE
 * @param codec  what it carries
 * @param config the sequence header, or null for Annex B / ADTS input; not copied, do not change it
 */
public record MuxTrack(int pid, MuxCodec codec, byte[] config) {

    public MuxTrack {
        Objects.requireNonNull(codec, "codec");
        if (pid < 0x20 || pid > 0x1FFE) {
            throw new IllegalArgumentException("PID out of range 0x20..0x1FFE: " + pid);
        }
    }

    /** Annex B video or ADTS audio. */
    public static MuxTrack of(int pid, MuxCodec codec) {
        return new MuxTrack(pid, codec, null);
    }

    public boolean video() {
        return codec.video;
    }
}
