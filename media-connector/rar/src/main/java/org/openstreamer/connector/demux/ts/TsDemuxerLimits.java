package org.openstreamer.connector.demux.ts;

/**
 * Bounds a {@link TsDemuxer} enforces on its input, checked once here.
 *
 * @param maxVideoPesBytes     payload bytes one video PES may carry before it is dropped as oversize
 * @param maxAudioPesBytes     the same for audio PES
 * @param maxOtherPesBytes     the same for other streams
 * @param maxTracks            elementary streams taken from a PMT; further ones are ignored
 * @param maxBackwardJump      90 kHz ticks a stream's DTS may step back before it counts as a discontinuity
 * @param maxForwardJump       90 kHz ticks a stream's DTS may step forward before it counts as a discontinuity
 * @param statsWindowTicks     length of the sliding window for bitrate and frame rate, 90 kHz ticks
 */
public record TsDemuxerLimits(int maxVideoPesBytes, int maxAudioPesBytes, int maxOtherPesBytes, int maxTracks,
                              long maxBackwardJump, long maxForwardJump, long statsWindowTicks) {

    /** 8 MB video PES, 1 MB audio and other PES, 32 tracks, 5 s back, 60 s forward, 8 s stats window. */
    public static final TsDemuxerLimits DEFAULTS =
            new TsDemuxerLimits(8 << 20, 1 << 20, 1 << 20, 32, 5 * 90_000L, 60 * 90_000L, 8 * 90_000L);

    public TsDemuxerLimits {
        if (maxVideoPesBytes < 1 || maxAudioPesBytes < 1 || maxOtherPesBytes < 1) {
            throw new IllegalArgumentException("PES limits must be positive");
        }
        if (maxTracks < 1 || maxTracks > 256) {
            throw new IllegalArgumentException("maxTracks must be 1..256: " + maxTracks);
        }
        if (maxBackwardJump < 0 || maxForwardJump < 90_000L || maxForwardJump > (1L << 31)) {
            throw new IllegalArgumentException("timestamp jump limits out of range");
        }
        if (statsWindowTicks < 90_000L) {
            throw new IllegalArgumentException("stats window must be at least one second");
        }
    }

    public TsDemuxerLimits withPesLimits(int video, int audio, int other) {
        return new TsDemuxerLimits(video, audio, other, maxTracks, maxBackwardJump, maxForwardJump, statsWindowTicks);
    }

    public TsDemuxerLimits withJumps(long backward, long forward) {
        return new TsDemuxerLimits(maxVideoPesBytes, maxAudioPesBytes, maxOtherPesBytes, maxTracks, backward, forward,
                statsWindowTicks);
    }

    int maxPesBytes(TsTrack.Kind kind) {
        return switch (kind) {
            case VIDEO -> maxVideoPesBytes;
            case AUDIO -> maxAudioPesBytes;
            case OTHER -> maxOtherPesBytes;
        };
    }
}
