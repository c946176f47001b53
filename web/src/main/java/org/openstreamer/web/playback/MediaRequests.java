package org.openstreamer.web.playback;

import org.openstreamer.web.dvr.ArchivePath;

/**
 * The {@code type} and {@code media_request} a playback backend is told, in the reference's
 * words (its table of URL endings); requests the table has no line for get a name of the same shape.
 */
final class MediaRequests {

    private MediaRequests() {
    }

    /** {@code {type, media_request}} of a live request. */
    static String[] of(PlaybackPath p) {
        return switch (p.kind()) {
            case MPEGTS -> new String[] {"mpegts", "mpegts_handler-request"};
            case SEGMENT -> new String[] {"hls", "hls_live-hls_segment"};
            case MEDIA_INFO -> new String[] {"hls", "media_info"};
            case PREVIEW -> new String[] {"jpeg", "preview_jpeg"};
            case PLAYLIST -> new String[] {"hls", p.resource().equals("index.m3u8") ? "hls_live-hls_mbr_playlist"
                    : p.resource().startsWith("tracks-") ? "hls_live-hls_track_playlist" : "hls_live-hls_playlist"};
        };
    }

    /** {@code {type, media_request}} of an archive request. */
    static String[] of(ArchivePath p) {
        String range = "-" + p.from() + "-" + (p.seconds() < 0 ? "now" : p.seconds());
        return switch (p.kind()) {
            case RANGE_PLAYLIST -> new String[] {"hls", "dvr_session-hls_mbr_playlist" + range};
            case RANGE_TS -> new String[] {"mpegts", "dvr_stream_handler-ts_file" + range};
            case RANGE_MP4 -> new String[] {"mp4", "dvr_handler-mp4" + range};
            case RANGE_DASH -> new String[] {"dash", "dvr_session-dash_manifest" + range};
            case TIMESHIFT_ABS_PLAYLIST -> new String[] {"hls", "hls_timeshift_playlist-hls_timeshift_abs-" + p.from()};
            case TIMESHIFT_REL_PLAYLIST -> new String[] {"hls", "hls_timeshift_playlist-hls_timeshift_rel-" + p.seconds()};
            case REWIND_PLAYLIST -> new String[] {"hls", "hls_live-hls_rewind_playlist-" + p.seconds()};
            case TIMESHIFT_ABS_TS -> new String[] {"mpegts", "dvr_handler-timeshift_abs-" + p.from()};
            case TIMESHIFT_REL_TS -> new String[] {"mpegts", "dvr_handler-timeshift_rel-" + p.seconds()};
            case RECORDING_STATUS -> new String[] {"json", "recording_status"};
            case SAVE_MP4 -> new String[] {"mp4", "save_mp4" + range};
        };
    }
}
