package org.openstreamer.connector.ingest.rtsp;

import java.util.List;

/**
 * How an RTSP input is pulled.
 *
 * @param udp    RTP over UDP (the stream setting {@code rtp udp}); otherwise interleaved in the
 *               RTSP connection (TCP), the default
 * @param tracks the 1-based numbers of the media descriptions to take ({@code tracks=}); empty: all
 *               the client can take
 */
public record RtspOptions(boolean udp, List<Integer> tracks) {

    public static final RtspOptions DEFAULT = new RtspOptions(false, List.of());

    public RtspOptions {
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }
}
