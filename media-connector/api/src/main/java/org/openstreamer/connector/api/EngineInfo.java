package org.openstreamer.connector.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * A snapshot of the engine's identity and native capabilities.
 *
 * @param version        version of the connector itself
 * @param startedAt      when the resource adapter started
 * @param running        true between adapter start and stop
 * @param ffmpegLoaded   true once the bytedeco FFmpeg natives loaded
 * @param ffmpegVersion  FFmpeg's own version string, or null if not loaded
 * @param srtProtocol    true if FFmpeg was built with the {@code srt://} protocol
 * @param ffmpegError    why FFmpeg could not be loaded, or null
 * @param srtListener    true when libsrt is loaded and SRT ports can be served
 * @param segmentDelay   time from a segment's last packet arriving to the segment being listed
 * @param srtRanges      the SRT port ranges resolved through the configuration backend
 */
public record EngineInfo(String version, Instant startedAt, boolean running, boolean ffmpegLoaded,
                         String ffmpegVersion, boolean srtProtocol, String ffmpegError, boolean srtListener,
                         DelayStats segmentDelay, SrtRangeInfo srtRanges) implements Serializable {
}
