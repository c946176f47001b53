package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SdpTest {

    /** What GStreamer's RTSP server describes for H.264 + AAC. */
    static final String CAMERA = """
            v=0\r
            o=- 1188340656180883 1 IN IP4 127.0.0.1\r
            s=Session streamed with GStreamer\r
            t=0 0\r
            a=tool:GStreamer\r
            a=type:broadcast\r
            a=control:*\r
            a=range:npt=now-\r
            m=video 0 RTP/AVP 96\r
            c=IN IP4 0.0.0.0\r
            b=AS:2097\r
            a=rtpmap:96 H264/90000\r
            a=framerate:25\r
            a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z2QAFazZQUH7ARAAAAMAEAAAAwPI8WLZYA==,aOvjyyLA;profile-level-id=640015\r
            a=control:stream=0\r
            m=audio 0 RTP/AVP 97\r
            a=rtpmap:97 MPEG4-GENERIC/48000/2\r
            a=fmtp:97 streamtype=5;profile-level-id=2;mode=AAC-hbr;config=1190;sizelength=13;indexlength=3;indexdeltalength=3\r
            a=control:stream=1\r
            m=audio 0 RTP/AVP 8\r
            a=control:stream=2\r
            """;

    @Test
    void readsTracksAndTheirParameters() throws RtspProtocolException {
        Sdp sdp = Sdp.parse(CAMERA);
        assertEquals("*", sdp.control());
        assertEquals(3, sdp.media().size());
        SdpMedia v = sdp.media().get(0);
        assertEquals(1, v.number());
        assertEquals("video", v.type());
        assertEquals(96, v.payloadType());
        assertEquals("H264", v.encoding());
        assertEquals(90000, v.clockRate());
        assertEquals("1", v.fmtp().get("packetization-mode"));
        assertEquals("stream=0", v.control());
        SdpMedia a = sdp.media().get(1);
        assertEquals("MPEG4-GENERIC", a.encoding());
        assertEquals(48000, a.clockRate());
        assertEquals("1190", a.fmtp().get("config"));
        assertEquals("PCMA", sdp.media().get(2).encoding()); // static payload type, no rtpmap
        assertEquals(RtspTrack.Codec.H264, RtspTrack.codecOf(v));
        assertEquals(RtspTrack.Codec.AAC, RtspTrack.codecOf(a));
        assertNull(RtspTrack.codecOf(sdp.media().get(2)));
    }

    @Test
    void mp2tIsAStaticPayloadType() throws RtspProtocolException {
        Sdp sdp = Sdp.parse("v=0\nm=video 0 RTP/AVP 33\na=control:trackID=1\n");
        assertEquals("MP2T", sdp.media().get(0).encoding());
        assertEquals(RtspTrack.Codec.MP2T, RtspTrack.codecOf(sdp.media().get(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                          // empty
            "<html>not found</html>",                    // not SDP at all
            "v=0\ns=no media\n",                         // no m=
            "v=0\nm=video\n",                            // short media line
            "v=0\nm=video 0 RTP/AVP x\n",                // no payload type
            "v=0\nm=video 0 RTP/AVP 300\n",              // out of range
            "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/zero\n",
            "m=video 0 RTP/AVP 96\n"})                   // no v=
    void brokenDescriptionsAreRefused(String text) {
        assertThrows(RtspProtocolException.class, () -> Sdp.parse(text));
    }

    @Test
    void controlUrlsResolveAgainstTheBase() {
        assertEquals("rtsp://h/a/stream=0", RtspSession.resolve("rtsp://h/a/", "stream=0"));
        assertEquals("rtsp://h/a/trackID=1", RtspSession.resolve("rtsp://h/a", "trackID=1"));
        assertEquals("rtsp://other/x", RtspSession.resolve("rtsp://h/a", "rtsp://other/x"));
        assertEquals("rtsp://h/a", RtspSession.resolve("rtsp://h/a", "*"));
    }

    @Test
    void transportRanges() {
        assertEquals(4, RtspSession.range("RTP/AVP/TCP;unicast;interleaved=4-5;ssrc=1", "interleaved")[0]);
        assertEquals(6971, RtspSession.range("RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971", "server_port")[1]);
        assertNull(RtspSession.range("RTP/AVP;unicast", "server_port"));
        assertNull(RtspSession.range("RTP/AVP;server_port=x-y", "server_port"));
        assertNull(RtspSession.range(null, "server_port"));
    }
}
