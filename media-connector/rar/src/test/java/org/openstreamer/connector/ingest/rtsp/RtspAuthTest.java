package org.openstreamer.connector.ingest.rtsp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RtspAuthTest {

    @Test
    void digestAsRfc2617ComputesIt() throws RtspProtocolException {
        // RFC 2069-style digest (no qop): response = MD5(MD5(user:realm:pass):nonce:MD5(method:uri))
        RtspAuth a = RtspAuth.of(List.of("Basic realm=\"cam\"", "Digest realm=\"IP Camera\", nonce=\"abc123\""), "admin", "12345");
        String h = a.header("DESCRIBE", "rtsp://10.0.0.5/ch1");
        String ha1 = RtspAuth.md5("admin:IP Camera:12345");
        String ha2 = RtspAuth.md5("DESCRIBE:rtsp://10.0.0.5/ch1");
        assertTrue(h.startsWith("Digest username=\"admin\", realm=\"IP Camera\", nonce=\"abc123\", uri=\"rtsp://10.0.0.5/ch1\""), h);
        assertTrue(h.endsWith("response=\"" + RtspAuth.md5(ha1 + ":abc123:" + ha2) + "\""), h);
    }

    @Test
    void digestWithQopCountsItsNonces() throws RtspProtocolException {
        RtspAuth a = RtspAuth.of(List.of("Digest realm=\"r\", nonce=\"n\", qop=\"auth,auth-int\", opaque=\"o\""), "u", "p");
        String first = a.header("PLAY", "rtsp://h/a");
        String second = a.header("PLAY", "rtsp://h/a");
        assertTrue(first.contains("qop=auth, nc=00000001"), first);
        assertTrue(second.contains("nc=00000002"), second);
        assertTrue(first.endsWith("opaque=\"o\""), first);
    }

    @Test
    void basicWhenThatIsAllThereIs() throws RtspProtocolException {
        RtspAuth a = RtspAuth.of(List.of("Basic realm=\"x\""), "Aladdin", "open sesame");
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", a.header("DESCRIBE", "rtsp://h/a"));
    }

    @Test
    void unknownSchemesAreRefused() {
        assertThrows(RtspProtocolException.class, () -> RtspAuth.of(List.of("Negotiate abc"), "u", "p"));
        assertThrows(RtspProtocolException.class, () -> RtspAuth.of(List.of(), "u", "p"));
        // digest without a nonce, or with another algorithm, is no digest it can answer
        assertThrows(RtspProtocolException.class, () -> RtspAuth.of(List.of("Digest realm=\"r\""), "u", "p"));
        assertThrows(RtspProtocolException.class, () -> RtspAuth.of(List.of("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256"), "u", "p"));
    }

    @Test
    void parametersQuotedOrNot() {
        assertEquals(Map.of("realm", "a, b", "nonce", "x", "stale", "FALSE"),
                RtspAuth.params(" realm=\"a, b\", nonce=x, stale=FALSE"));
        assertEquals(Map.of("realm", "unterminated"), RtspAuth.params("realm=\"unterminated"));
    }
}
