package org.openstreamer.connector.engine;

/** What loading the FFmpeg natives gave: a version and capabilities, or the reason it failed. */
public record FfmpegStatus(State state, String version, boolean srtProtocol, String error) {

    public enum State { LOADING, LOADED, FAILED }

    public static final FfmpegStatus LOADING_NOW = new FfmpegStatus(State.LOADING, null, false, null);

    public static FfmpegStatus loaded(String version, boolean srtProtocol) {
        return new FfmpegStatus(State.LOADED, version, srtProtocol, null);
    }

    public static FfmpegStatus failed(String error) {
        return new FfmpegStatus(State.FAILED, null, false, error);
    }
}
