package org.openstreamer.connector.api;

import java.io.Serializable;
import java.util.List;

/**
 * What a live stream carries, as {@code /NAME/media_info.json} shows it.
 *
 * @param width   the first video track's width, 0 if none
 * @param height  the first video track's height, 0 if none
 * @param streams the tracks, sorted by {@code trackId}
 */
public record MediaInfo(int width, int height, List<Track> streams) implements Serializable {

    /**
     * @param content    {@code video}, {@code audio} or {@code other}
     * @param codec      {@code h264}, {@code h265}, {@code aac}, {@code mp3}, {@code ac3}, ...
     * @param trackId    1-based
     * @param bitrate    measured, bits per second
     * @param fps        measured frame rate (video), 0 otherwise
     * @param lang       ISO 639 language, or null
     */
    public record Track(String content, String codec, int trackId, long bitrate, double fps, int width, int height,
                        int sampleRate, int channels, String lang) implements Serializable {
    }
}
