package org.openstreamer.connector.engine;

import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Loads bytedeco's FFmpeg natives and reads what this build can do. Loading unpacks the libraries
 * into javacpp's cache folder the first time, so it runs once, off the deployment thread.
 */
public final class FfmpegProbe {

    private FfmpegProbe() {
    }

    public static FfmpegStatus load() {
        try {
            Loader.load(avformat.class);
            String version = avutil.av_version_info().getString();
            return FfmpegStatus.loaded(version, hasInputProtocol("srt"));
        } catch (Throwable e) { // UnsatisfiedLinkError and friends: report, never crash the adapter
            return FfmpegStatus.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Walks avio_enum_protocols; the opaque cursor must start as a NULL pointer. */
    static boolean hasInputProtocol(String wanted) {
        try (PointerPointer<?> cursor = new PointerPointer<>(1L)) {
            cursor.put(0, null);
            BytePointer name;
            while ((name = avformat.avio_enum_protocols(cursor, 0)) != null) {
                if (wanted.equals(name.getString())) {
                    return true;
                }
            }
            return false;
        }
    }
}
