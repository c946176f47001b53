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

    /**
     * From an input's flat options: {@code rtp} ({@code udp} or {@code tcp}) and {@code tracks}
     * (numbers separated by commas); what is missing or not a number is left at the default.
     */
    public static RtspOptions of(java.util.Map<String, String> options) {
        List<Integer> tracks = new java.util.ArrayList<>();
        for (String t : options.getOrDefault("tracks", "").split(",")) {
            if (t.strip().matches("[0-9]{1,3}")) {
                tracks.add(Integer.parseInt(t.strip()));
            }
        }
        return new RtspOptions("udp".equalsIgnoreCase(options.get("rtp")), tracks);
    }
}
