package org.openstreamer.connector.ingest.rtsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session description (RFC 8866) as an RTSP {@code DESCRIBE} returns it, reduced to what the
 * client needs: the session's {@code a=control} and each media description. Lines it does not
 * use are skipped; what it uses must be well formed.
 */
public record Sdp(String control, List<SdpMedia> media) {

    private static final int MAX_MEDIA = 64;

    /** @throws RtspProtocolException for a description without media or with a malformed line it needs */
    public static Sdp parse(String text) throws RtspProtocolException {
        String control = null;
        List<SdpMedia> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean sawVersion = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                if (!line.isEmpty()) {
                    throw new RtspProtocolException("malformed SDP line: " + quote(line));
                }
                continue;
            }
            char kind = line.charAt(0);
            String value = line.substring(2);
            if (kind == 'v') {
                sawVersion = true;
            } else if (kind == 'm') {
                if (media.size() + (current == null ? 0 : 1) >= MAX_MEDIA) {
                    throw new RtspProtocolException("SDP with more than " + MAX_MEDIA + " media");
                }
                if (current != null) {
                    media.add(current.build());
                }
                current = MediaBuilder.of(media.size() + 1, value);
            } else if (kind == 'a') {
                int colon = value.indexOf(':');
                String name = colon < 0 ? value : value.substring(0, colon);
                String arg = colon < 0 ? "" : value.substring(colon + 1).trim();
                if (current == null) {
                    if (name.equals("control")) {
                        control = arg;
                    }
                } else {
                    current.attribute(name, arg);
                }
            }
        }
        if (current != null) {
            media.add(current.build());
        }
        if (!sawVersion || media.isEmpty()) {
            throw new RtspProtocolException(sawVersion ? "the SDP describes no media" : "not an SDP (no v= line)");
        }
        return new Sdp(control, List.copyOf(media));
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
    }

    private static final class MediaBuilder {
        final int number;
        final String type;
        final int payloadType;
        String encoding = "";
        int clockRate;
        final Map<String, String> fmtp = new LinkedHashMap<>();
        String control;

        private MediaBuilder(int number, String type, int payloadType) {
            this.number = number;
            this.type = type;
            this.payloadType = payloadType;
            if (payloadType == 33) { // static payload types: RFC 3551 table 5
                encoding = "MP2T";
                clockRate = 90000;
            } else if (payloadType == 0 || payloadType == 8) {
                encoding = payloadType == 0 ? "PCMU" : "PCMA";
                clockRate = 8000;
            }
        }

        /** {@code m=video 0 RTP/AVP 96} */
        static MediaBuilder of(int number, String value) throws RtspProtocolException {
            String[] f = value.trim().split("\\s+");
            if (f.length < 4) {
                throw new RtspProtocolException("malformed SDP media line: " + quote("m=" + value));
            }
            int pt;
            try {
                pt = Integer.parseInt(f[3]);
            } catch (NumberFormatException e) {
                pt = -1;
            }
            if (pt < 0 || pt > 127) {
                throw new RtspProtocolException("SDP media line without an RTP payload type: " + quote("m=" + value));
            }
            return new MediaBuilder(number, f[0].toLowerCase(Locale.ROOT), pt);
        }

        void attribute(String name, String arg) throws RtspProtocolException {
            switch (name) {
                case "control" -> control = arg;
                case "rtpmap" -> {
                    // 96 H264/90000, 97 MPEG4-GENERIC/44100/2
                    String[] f = arg.split("\\s+", 2);
                    if (f.length == 2 && number(f[0]) == payloadType) {
                        String[] enc = f[1].split("/");
                        encoding = enc[0].trim().toUpperCase(Locale.ROOT);
                        int rate = enc.length > 1 ? number(enc[1].trim()) : -1;
                        if (rate <= 0) {
                            throw new RtspProtocolException("malformed SDP rtpmap: " + quote("a=rtpmap:" + arg));
                        }
                        clockRate = rate;
                    }
                }
                case "fmtp" -> {
                    String[] f = arg.split("\\s+", 2);
                    if (f.length == 2 && number(f[0]) == payloadType) {
                        for (String p : f[1].split(";")) {
                            int eq = p.indexOf('=');
                            if (eq > 0) {
                                fmtp.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
                            }
                        }
                    }
                }
                default -> { }
            }
        }

        private static int number(String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        SdpMedia build() {
            return new SdpMedia(number, type, payloadType, encoding, clockRate, Map.copyOf(fmtp), control);
        }
    }
}
