package org.openstreamer.it;

import com.sun.net.httpserver.HttpServer;
import org.openqa.selenium.JavascriptExecutor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A viewer's web page on another origin (a loopback HTTP server of the test), as a site that embeds
 * a stream has it: hls.js as this server serves it, a video element, and the playlist URL. The page
 * records what hls.js reports (errors with their HTTP status, the keys it loaded) in
 * {@code window.report} for the test to read.
 */
final class HlsJsPage implements AutoCloseable {

    /** The console's bundled hls.js, the one the embed snippet of the stream page loads. */
    static final String HLS_JS = "/jakarta.faces.resource/js/hls/dist/hls.light.min.js.xhtml";

    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>viewer</title></head>
            <body>
            <video id="player" muted autoplay playsinline width="640" height="360"></video>
            <script src="%s"></script>
            <script>
            (function () {
              var q = new URLSearchParams(location.search);
              var report = window.report = {errors: [], keys: [], ready: !!window.Hls};
              var config = {};
              if (q.get('stripKeyToken') === '1') {
                // A player that drops the query of key URLs: the key requests carry no session token.
                config.xhrSetup = function (xhr, url) {
                  if (url.indexOf('/key/') >= 0) { xhr.open('GET', url.split('?')[0], true); }
                };
              }
              var hls = new Hls(config);
              hls.on(Hls.Events.ERROR, function (e, d) {
                report.errors.push({details: d.details, fatal: d.fatal, code: d.response ? d.response.code : null,
                                    url: d.response ? d.response.url : null});
              });
              hls.on(Hls.Events.KEY_LOADED, function (e, d) {
                var k = (d.keyInfo && d.keyInfo.decryptdata) || (d.frag && d.frag.decryptdata);
                report.keys.push(k ? k.uri : '?');
              });
              var video = document.getElementById('player');
              hls.on(Hls.Events.MANIFEST_PARSED, function () { video.play().catch(function () {}); });
              hls.loadSource(q.get('src'));
              hls.attachMedia(video);
            })();
            </script>
            </body></html>
            """;

    private final HttpServer server;

    HlsJsPage() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = PAGE.formatted(Http.uri(HLS_JS)).getBytes(StandardCharsets.UTF_8);
        server.createContext("/viewer.html", x -> {
            x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            x.sendResponseHeaders(200, page.length);
            x.getResponseBody().write(page);
            x.close();
        });
        server.start();
    }

    /** Opens the page in {@code browser} playing {@code playlistPath} of this server. */
    void open(ConsoleBrowser browser, String playlistPath, boolean stripKeyToken) {
        browser.driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/viewer.html?src="
                + URLEncoder.encode(Http.uri(playlistPath).toString(), StandardCharsets.UTF_8)
                + (stripKeyToken ? "&stripKeyToken=1" : ""));
    }

    /** The video element's clock, in seconds. */
    static double currentTime(ConsoleBrowser browser) {
        Object t = ((JavascriptExecutor) browser.driver).executeScript("return document.getElementById('player').currentTime");
        return t instanceof Number n ? n.doubleValue() : 0;
    }

    /** The errors hls.js reported: {details, fatal, code, url} each. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errors(ConsoleBrowser browser) {
        return (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver).executeScript("return window.report.errors");
    }

    /** The URIs of the keys hls.js loaded, in order. */
    @SuppressWarnings("unchecked")
    static List<String> keys(ConsoleBrowser browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver).executeScript("return window.report.keys");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
