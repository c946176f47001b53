package org.openstreamer.web.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginCheckFilterTest {

    private static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getScheme" -> "http";
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aPostFromThisServerPasses() {
        assertTrue(OriginCheckFilter.sameOrigin(request(Map.of("Host", "h:8080", "Origin", "http://h:8080"))));
        assertTrue(OriginCheckFilter.sameOrigin(request(Map.of("Host", "h:8080", "Referer", "http://h:8080/admin/x.xhtml"))));
    }

    @Test
    void aPostFromElsewhereOrFromNowhereIsRefused() {
        assertFalse(OriginCheckFilter.sameOrigin(request(Map.of("Host", "h:8080", "Origin", "http://evil:8080"))));
        assertFalse(OriginCheckFilter.sameOrigin(request(Map.of("Host", "h:8080", "Origin", "null"))));
        assertFalse(OriginCheckFilter.sameOrigin(request(Map.of("Host", "h:8080", "Referer", "http://h:8080.evil/admin/"))));
        assertFalse(OriginCheckFilter.sameOrigin(request(Map.of("Host", "h:8080"))), "neither header");
        // the Origin wins over a matching Referer
        assertFalse(OriginCheckFilter.sameOrigin(request(Map.of("Host", "h:8080", "Origin", "http://evil",
                "Referer", "http://h:8080/admin/"))));
    }
}
