package org.openstreamer.connector.demux.ts;

/**
 * One track's figures at the time of {@link TsDemuxer#stats()}.
 *
 * @param track     the track as last published
 * @param bytes     elementary stream bytes (PES payload) so far
 * @param frames    frames reported through {@code onFrame} (for audio: PES, which may hold several
 *                  codec frames)
 * @param keyframes frames reported as keyframes
 * @param bitrate   bits per second of elementary stream data over the recent window of media time,
 *                  0 until two samples exist
 * @param frameRate frames per second over the same window, from DTS, 0 until known
 * @param lastDts   unwrapped DTS of the latest frame, -1 before the first
 */
public record TsTrackStats(TsTrack track, long bytes, long frames, long keyframes, long bitrate, double frameRate,
                           long lastDts) {
}
