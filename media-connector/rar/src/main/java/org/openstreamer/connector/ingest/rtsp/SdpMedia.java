package org.openstreamer.connector.ingest.rtsp;

import java.util.Locale;
import java.util.Map;

/**
 * One media description ({@code m=}) of a session description, with what its attributes say.
 *
 * @param number      1-based, in the order of the description: what {@code tracks=} counts
 * @param type        {@code video}, {@code audio}, ...
 * @param payloadType the first RTP payload type of the {@code m=} line
 * @param encoding    from {@code a=rtpmap}, upper case ({@code H264}, {@code MPEG4-GENERIC}), or
 *                    the static name of the payload type ({@code MP2T} for 33), or empty
 * @param clockRate   RTP clock, Hz (90000 for static type 33, 0 when unknown)
 * @param fmtp        {@code a=fmtp} parameters, keys lower case
 * @param control     {@code a=control}, or null
 */
public record SdpMedia(int number, String type, int payloadType, String encoding, int clockRate,
                       Map<String, String> fmtp, String control) {

    /** Short description for logs and errors: {@code video H264/90000}. */
    public String describe() {
        return type + " " + (encoding.isEmpty() ? "payload " + payloadType : encoding.toLowerCase(Locale.ROOT))
                + (clockRate > 0 ? "/" + clockRate : "");
    }
}
