package org.openstreamer.connector.api;

import java.util.Locale;

/** Event names as they appear in the events table and in webhooks (the reference's spelling). */
public enum MediaEventType {
    /** The adapter started and loaded its native libraries (data: version, ffmpeg, srt). */
    ENGINE_STARTED,
    /** The deployment is stopping; recorded by the EJB layer, whose listeners are going away. */
    ENGINE_STOPPING,
    /** A publisher connected (data: protocol, peer, port). */
    PUBLISH_STARTED,
    /** A publisher left or was disconnected (data: peer, port, reason, bytes, packet and loss counts). */
    PUBLISH_STOPPED,
    /** The publisher's connection broke without a clean close (data: peer, reason). */
    SOURCE_LOST,
    /** A connected publisher sent no frame for frames_timeout seconds (data: peer, timeout). */
    FRAMES_TIMED_OUT,
    /** Frames came again after frames_timed_out (data: peer). */
    FRAMES_RESTORED,
    /** Another input became the stream's active one (data: from, to, reason). */
    SOURCE_SWITCH,
    /** The backup file plays (data: file, reason), or stopped playing (data: file, playing false). */
    STREAM_BACKUP,
    /** An on-demand stream started: a viewer asked for it (data: reason). */
    STREAM_STARTED,
    /** An on-demand stream stopped: no viewers for clients_timeout, or retry_limit attempts failed (data: reason). */
    STREAM_STOPPED,
    /** A caller was refused at the SRT handshake (data: peer, port, code, reason). */
    CONNECTION_REJECTED,
    /** A player connected or left (data: protocol, peer). */
    PLAY_STARTED,
    PLAY_STOPPED,
    /** A push connected and sends (data: url). */
    PUSH_STARTED,
    /** A push stopped sending (data: url, reason, bytes). */
    PUSH_STOPPED,
    /** A push could not connect or lost its connection (data: url, reason, failures, retry_in: seconds, 0 when it gives up). */
    PUSH_FAILED,
    /** The recorder could not write a segment; the first failure of a run of them (data: reason, path). */
    DVR_WRITE_FAILED,
    /** The recorder writes again after failing (data: lost, the segments not written meanwhile). */
    DVR_WRITE_RESUMED,
    /** Retention deleted archive segments (data: reason, count, bytes, from, to). */
    DVR_DELETED_FRAGMENTS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
