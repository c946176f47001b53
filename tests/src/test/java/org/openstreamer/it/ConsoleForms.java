package org.openstreamer.it;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Posts to console pages outside the browser (forged posts), and checks the browser can run on every page. */
final class ConsoleForms {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    /** The visible form fields (not hidden from assistive technology) that have no name a screen reader could say (label, aria-label, aria-labelledby, title). */
    private static final String UNLABELLED = """
            return Array.from(document.querySelectorAll('input, select, textarea'))
              .filter(e => e.type !== 'hidden' && e.offsetParent !== null && !e.closest('[aria-hidden="true"]')
                        && !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                        && !(e.getAttribute('aria-labelledby') || '').split(' ').some(id => id && document.getElementById(id))
                        && !e.title)
              .map(e => e.id || e.name || e.outerHTML.substring(0, 80));""";

    private ConsoleForms() {
    }

    /** Waits for {@code condition}; on a timeout the failure shows {@code what} was awaited and the page as it is. */
    static <T> T waitFor(ConsoleBrowser b, String what, Function<WebDriver, T> condition) {
        try {
            return b.until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + " on " + b.driver.getCurrentUrl() + "; the page says:\n"
                    + b.pageText(), e);
        }
    }

    /** The Faces view state of {@code path} as the session {@code cookie} sees it. */
    static String viewState(String path, String cookie) throws Exception {
        HttpResponse<String> page = Http.send(HttpRequest.newBuilder(Http.uri(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = VIEW_STATE.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no view state in " + path + ": " + page.body());
        }
        return m.group(1);
    }

    /** A form post with the session {@code cookie}; {@code sameOrigin}: with this server's Origin header. */
    static HttpResponse<String> post(String path, String cookie, Map<String, String> fields, boolean sameOrigin)
            throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(Http.uri(path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (sameOrigin) {
            String self = Http.uri("/").toString();
            r.header("Origin", self.substring(0, self.length() - 1));
        }
        return Http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    static List<String> unlabelledFields(ConsoleBrowser b) {
        return (List<String>) ((JavascriptExecutor) b.driver).executeScript(UNLABELLED);
    }

    /** The element that sticks out furthest to the right, to say what makes a page too wide. */
    static String widest(ConsoleBrowser b) {
        return (String) ((JavascriptExecutor) b.driver).executeScript("""
                let w = null;
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect().right;
                  if (r > document.documentElement.clientWidth && (!w || r > w.r)) w = {r: r, e: e};
                }
                return w ? (w.e.id || w.e.className || w.e.tagName) + ' to ' + Math.round(w.r) + ' px' : 'none';""");
    }

    /** Whether the page is wider than the window (a horizontal scroll bar). */
    static boolean scrollsSideways(ConsoleBrowser b) {
        return (Boolean) ((JavascriptExecutor) b.driver).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
    }
}
