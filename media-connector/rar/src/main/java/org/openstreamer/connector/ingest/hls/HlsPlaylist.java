package org.openstreamer.connector.ingest.hls;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HLS playlist as a puller needs it: a master playlist's variants, or a media playlist's
 * MPEG-TS segments with their sequence numbers. What a puller of MPEG-TS cannot use (fMP4 segments,
 * encrypted segments) is refused with a sentence saying so.
 *
 * @param variants        a master playlist's variant playlists (absolute URIs), best first; empty for a media playlist
 * @param segments        a media playlist's segments, in order
 * @param targetDuration  {@code #EXT-X-TARGETDURATION} in seconds (0 in a master playlist)
 * @param ended           {@code #EXT-X-ENDLIST}: no segment will be added
 */
public record HlsPlaylist(List<Variant> variants, List<Segment> segments, int targetDuration, boolean ended) {

    /** A variant of a master playlist; bandwidth 0 when not given. */
    public record Variant(URI uri, long bandwidth) {
    }

    /** A media segment: its sequence number, absolute URI and duration in seconds. */
    public record Segment(long sequence, URI uri, double duration) {
    }

    public boolean isMaster() {
        return !variants.isEmpty();
    }

    /** The sequence number of the last segment, or {@code -1} if there is none. */
    public long lastSequence() {
        return segments.isEmpty() ? -1 : segments.get(segments.size() - 1).sequence();
    }

    /**
     * @param base the playlist's own URL, against which relative URIs resolve
     * @throws IllegalArgumentException for a text that is no playlist, or one this puller cannot use
     */
    public static HlsPlaylist parse(String text, URI base) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("#EXTM3U")) {
            throw new IllegalArgumentException("not an HLS playlist (no #EXTM3U): " + base);
        }
        List<Variant> variants = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        int target = 0;
        long sequence = 0;
        boolean ended = false;
        long pendingBandwidth = -1;
        double pendingDuration = -1;
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                pendingBandwidth = attributeLong(line, "BANDWIDTH");
            } else if (line.startsWith("#EXTINF:")) {
                pendingDuration = duration(line.substring(8), base);
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = (int) Math.min(3600, number(line.substring(22), base));
            } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                if (!segments.isEmpty()) { // RFC 8216: before the first segment; later it would number two segments alike
                    throw new IllegalArgumentException("#EXT-X-MEDIA-SEQUENCE after a segment in the HLS playlist " + base);
                }
                sequence = number(line.substring(22), base);
            } else if (line.startsWith("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (line.startsWith("#EXT-X-MAP")) {
                throw new IllegalArgumentException("the HLS playlist has fMP4 segments (#EXT-X-MAP); only MPEG-TS segments are pulled: "
                        + base);
            } else if (line.startsWith("#EXT-X-KEY:") && !line.toUpperCase(Locale.ROOT).contains("METHOD=NONE")) {
                throw new IllegalArgumentException("the HLS playlist's segments are encrypted (#EXT-X-KEY); they cannot be pulled: "
                        + base);
            } else if (!line.startsWith("#")) {
                URI uri = resolve(base, line);
                if (pendingBandwidth >= 0) {
                    variants.add(new Variant(uri, pendingBandwidth));
                    pendingBandwidth = -1;
                } else if (pendingDuration >= 0) {
                    if (sequence < 0) { // counted past Long.MAX_VALUE
                        throw new IllegalArgumentException("media sequence numbers past 2^63 in the HLS playlist " + base);
                    }
                    segments.add(new Segment(sequence++, uri, pendingDuration));
                    pendingDuration = -1;
                }
            }
        }
        if (!variants.isEmpty() && !segments.isEmpty()) {
            throw new IllegalArgumentException("the HLS playlist lists both variants and segments: " + base);
        }
        variants.sort((a, b) -> Long.compare(b.bandwidth(), a.bandwidth())); // stable: equal bandwidths keep their order
        return new HlsPlaylist(List.copyOf(variants), List.copyOf(segments), target, ended);
    }

    private static URI resolve(URI base, String ref) {
        try {
            return base.resolve(ref);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad URI " + ref + " in the HLS playlist " + base);
        }
    }

    /** {@code 4.000,title} or {@code 4}. */
    private static double duration(String value, URI base) {
        int comma = value.indexOf(',');
        String d = (comma < 0 ? value : value.substring(0, comma)).trim();
        try {
            double v = Double.parseDouble(d);
            if (v >= 0 && v < 86_400) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("bad #EXTINF duration " + d + " in the HLS playlist " + base);
    }

    private static long number(String value, URI base) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("bad number " + value.trim() + " in the HLS playlist " + base);
    }

    /** An integer attribute of an attribute list ({@code BANDWIDTH=1280000,CODECS="..."}), or 0. */
    static long attributeLong(String line, String name) {
        int at = line.indexOf(name + "=");
        while (at > 0 && line.charAt(at - 1) != ',' && line.charAt(at - 1) != ':') {
            at = line.indexOf(name + "=", at + 1);
        }
        if (at < 0) {
            return 0;
        }
        int start = at + name.length() + 1;
        int end = start;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        try {
            return end == start ? 0 : Long.parseLong(line.substring(start, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
