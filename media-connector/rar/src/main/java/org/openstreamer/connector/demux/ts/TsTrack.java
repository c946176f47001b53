package org.openstreamer.connector.demux.ts;

/**
 * One elementary stream of the program, as the PMT and the stream's own headers describe it.
 * Immutable: the demuxer publishes a new list of tracks when something changes.
 *
 * @param index      position among the program's tracks, 0-based, stable while the PMT is unchanged
 * @param pid        the TS packet identifier carrying it
 * @param streamType the PMT stream_type (0x1B H.264, 0x24 H.265, 0x0F AAC ADTS, 0x03/0x04 MP3, 0x81 AC-3, ...)
 * @param kind       video, audio or other
 * @param codec      short name: {@code h264}, {@code h265}, {@code aac}, {@code mp3}, {@code ac3}, or {@code unknown}
 * @param width      pixels, 0 until the first SPS is seen (video only)
 * @param height     pixels, 0 until the first SPS is seen (video only)
 * @param sampleRate Hz, 0 if unknown (audio only)
 * @param channels   0 if unknown (audio only)
 * @param language   ISO 639 code from the PMT descriptor, or null
 * @param codecs     the RFC 6381 codec string from the stream's own headers ({@code avc1.64001F},
 *                   {@code mp4a.40.2}), or null until they are seen
 */
public record TsTrack(int index, int pid, int streamType, Kind kind, String codec, int width, int height,
                      int sampleRate, int channels, String language, String codecs) {

    public enum Kind { VIDEO, AUDIO, OTHER }

    /** A track whose codec string is not known yet. */
    public TsTrack(int index, int pid, int streamType, Kind kind, String codec, int width, int height,
                   int sampleRate, int channels, String language) {
        this(index, pid, streamType, kind, codec, width, height, sampleRate, channels, language, null);
    }
}
