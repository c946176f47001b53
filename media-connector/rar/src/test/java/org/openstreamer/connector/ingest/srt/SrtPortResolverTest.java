package org.openstreamer.connector.ingest.srt;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.ingest.srt.SrtPortResolver.Outcome;
import org.openstreamer.connector.ingest.srt.SrtPortResolver.Refused;
import org.openstreamer.connector.ingest.srt.SrtPortResolver.Resolved;

import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SrtPortResolverTest {

    static Outcome read(int status, String body) {
        return SrtPortResolver.read(new Answer(status, body), 2345, "publish");
    }

    @Test
    void aPlainTextNameResolvesThePort() {
        assertEquals(new Resolved("publish_stream_name"), read(200, "publish_stream_name"));
        assertEquals(new Resolved("live/cam-1.hd"), read(200, "  live/cam-1.hd\r\n"));
    }

    @Test
    void aNoIsARefusalNotAFault() {
        for (int status : new int[]{400, 404}) {
            Refused r = assertInstanceOf(Refused.class, read(status, "Invalid port or mode."));
            assertEquals(SrtAdmission.REJECT_NOT_FOUND, r.reject().code());
            assertFalse(r.backendFault());
            assertTrue(r.reject().reason().contains("port 2345"), r.reject().reason());
        }
    }

    @Test
    void garbageAndErrorsAreBackendFaults() {
        for (Outcome o : new Outcome[]{read(200, "<html><body>oops</body></html>"), read(200, ""),
                read(200, "a b"), read(500, "boom"), read(302, "")}) {
            Refused r = assertInstanceOf(Refused.class, o);
            assertEquals(SrtAdmission.REJECT_UNAVAILABLE, r.reject().code());
            assertTrue(r.backendFault());
        }
    }

    private record Answer(int statusCode, String body) implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return URI.create("http://127.0.0.1/");
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
