package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's stream page in a real browser, on a stream ffmpeg publishes over HTTP with DVR and
 * thumbnails: the preview plays (the video element's clock advances), the media table names the
 * codec, the publisher is shown, the addresses are ready to copy, the DVR timeline shows the
 * recorded range and its MP4 export is downloaded into a file ffprobe reads; a viewer gets no edit
 * control. Screenshots of the console at 1280 px go to target/screenshots (docs/images is made from them).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleStreamPageIT {

    static final String STREAM = "it-page";
    static final Path DVR = Path.of("target", "console-page-dvr").toAbsolutePath();
    static final Path DOWNLOADS = Path.of("target", "console-page-downloads").toAbsolutePath();
    static final Path SHOTS = Path.of("target", "screenshots").toAbsolutePath();
    private static final List<Process> processes = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @BeforeAll
    static void browserPresent() {
        if (System.getenv("CI") == null) {
            assumeTrue(ConsoleBrowser.available(), "chromium and chromium-driver are not installed");
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        processes.forEach(MediaTools::stop);
        Http.send("DELETE", ConfigApi.STREAMS + STREAM + "?archive=delete", Http.ADMIN, Http.ADMIN_PASSWORD, null);
        ConfigApi.cleanUp(); // the viewer account
    }

    @Test
    void theStreamPagePlaysShowsFiguresAndExportsTheArchive() throws Exception {
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> Http.get("/health").statusCode() == 200));
        assertEquals(2, ConfigApi.putStream(STREAM, "{\"publish_enabled\":true,\"thumbnails\":true,\"segment_duration\":2,"
                + "\"title\":\"Console page\",\"dvr\":{\"root\":\"" + DVR + "\",\"depth\":3600}}").statusCode() / 100);
        processes.add(MediaTools.publishTs("-method", "PUT", Http.uri("/" + STREAM + "/mpegts").toString()));
        assertTrue(Deployments.eventually(Duration.ofSeconds(20),
                () -> Http.get("/" + STREAM + "/index.m3u8").statusCode() == 200), "the stream is live");
        Files.createDirectories(DOWNLOADS);
        Files.createDirectories(SHOTS);

        try (ConsoleBrowser b = new ConsoleBrowser(DOWNLOADS)) {
            b.signIn(Http.ADMIN, Http.ADMIN_PASSWORD);
            b.until(ExpectedConditions.urlContains("/admin/index.xhtml"));
            b.open("/admin/stream-view.xhtml?name=" + STREAM);
            assertTrue(b.byId("streamName").getText().contains("Console page"), b.pageText());

            // The preview plays: the video element's clock moves on.
            JavascriptExecutor js = (JavascriptExecutor) b.driver;
            b.until(d -> number(js.executeScript("return document.getElementById('player').currentTime")) > 1.0);
            double first = number(js.executeScript("return document.getElementById('player').currentTime"));
            b.until(d -> number(js.executeScript("return document.getElementById('player').currentTime")) > first + 1.0);
            assertTrue(b.byId("playerState").getText().contains("Playing live"), b.byId("playerState").getText());

            // Media info, publisher, addresses (the poll refreshes them: wait for the first frames' figures).
            b.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live:media"), "h264"));
            assertTrue(b.byId("live:media").getText().contains("640x360"), b.byId("live:media").getText());
            assertTrue(b.byId("live:media").getText().contains("aac"));
            assertFalse(b.byId("publisherAddress").getText().isBlank());
            String figuresOf = b.byId("refreshedAt").getText();
            b.until(d -> !d.findElement(By.id("refreshedAt")).getText().equals(figuresOf)); // the 5 s poll refreshes them
            assertTrue(b.byId("live:media").getText().contains("h264"), "still there after the refresh");
            assertEquals(Http.uri("/" + STREAM + "/index.m3u8").toString(), b.byId("url-hls").getAttribute("value"));
            assertTrue(b.byId("url-mpegts").getAttribute("value").endsWith("/" + STREAM + "/mpegts"));
            assertTrue(b.byId("url-embed").getAttribute("value").contains("<video"));
            // The embed snippet's hls.js is served by this server without a login.
            var script = Http.get("/jakarta.faces.resource/js/hls/dist/hls.light.min.js.xhtml");
            assertEquals(200, script.statusCode());
            assertTrue(script.body().contains("Hls"), "hls.js itself");
            assertNotNull(b.find("label[for='url-hls']"), "the address fields are labelled");
            b.until(d -> number(js.executeScript("var i=document.getElementById('thumbnail');"
                    + "return i && i.complete ? i.naturalWidth : 0")) == 640); // preview.jpg shown
            b.find("#editStream");

            // The streams table shows the same picture, behind the console's sign-in only.
            b.filterStreams(STREAM);
            b.until(d -> number(js.executeScript("var i=document.querySelector(\"img[alt='Latest picture of " + STREAM
                    + "']\");return i && i.complete ? i.naturalWidth : 0")) == 640);
            var anonymous = Http.get("/admin/thumbnail?name=" + STREAM);
            assertFalse(anonymous.headers().firstValue("Content-Type").orElse("").startsWith("image/"),
                    "no thumbnail without signing in: " + anonymous.statusCode());
            b.open("/admin/stream-view.xhtml?name=" + STREAM);

            // The timeline: the recorded range, picked by a click, exported as MP4 with progress.
            b.until(d -> !d.findElements(By.cssSelector("#ranges .range")).isEmpty());
            assertTrue(b.byId("timelineState").getText().contains("recorded range"), b.byId("timelineState").getText());
            b.clickPresent("#ranges .range");
            long duration = Long.parseLong(b.byId("selDuration").getAttribute("value"));
            assertTrue(duration >= 2, "a range of " + duration + " s picked");
            b.byId("exportMp4").click();
            b.until(ExpectedConditions.textToBePresentInElementLocated(By.id("exportState"), "Saved"));
            Path mp4 = waitForDownload();
            JsonObject probe = MediaTools.probe(mp4.toString());
            assertEquals("h264", MediaTools.video(probe).getString("codec_name"), probe.toString());
            double seconds = Double.parseDouble(probe.getJsonObject("format").getString("duration"));
            System.out.println("[ConsoleStreamPageIT] exported " + Files.size(mp4) + " bytes, " + seconds
                    + " s of a " + duration + " s range");
            assertTrue(seconds > 1, "the MP4 holds the range: " + seconds + " s");

            // The range plays in the same player.
            b.byId("playRange").click();
            b.until(ExpectedConditions.textToBePresentInElementLocated(By.id("playerState"), "Playing the archive"));
            b.until(d -> number(js.executeScript("return document.getElementById('player').currentTime")) > 0.5);
            b.byId("playLive").click();
            b.until(ExpectedConditions.textToBePresentInElementLocated(By.id("playerState"), "Playing live"));

            // A publisher that leaves and comes back leaves a gap, drawn between two recorded ranges.
            MediaTools.stop(processes.remove(0));
            Thread.sleep(6000);
            processes.add(MediaTools.publishTs("-method", "PUT", Http.uri("/" + STREAM + "/mpegts").toString()));
            b.until(d -> {
                js.executeScript("document.getElementById('toNow').click()");
                return d.findElements(By.cssSelector("#ranges .range")).size() >= 2
                        && !d.findElements(By.cssSelector("#ranges .gap")).isEmpty();
            });
            String gap = b.find("#ranges .gap").getAttribute("title");
            assertTrue(gap.matches("Gap: \\d+ s not recorded"), gap);

            screenshots(b);
        }

        // A viewer sees the page and no edit control; a name that is no stream says so.
        ConfigApi.createViewer();
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD);
            b.until(ExpectedConditions.urlContains("/admin/index.xhtml"));
            b.open("/admin/stream-view.xhtml?name=" + STREAM);
            b.find("#player");
            b.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live:media"), "h264"));
            assertFalse(b.present("editStream"), "no edit control for a viewer");
            assertTrue(b.driver.findElements(By.cssSelector("[id$=':save'], [id$=':delete'], [id$=':disable']")).isEmpty());
            b.open("/admin/stream-view.xhtml?name=it-page-none");
            assertTrue(b.byId("pageError").getText().contains("no stream named it-page-none"), b.pageText());
        }
    }

    private static Path waitForDownload() throws Exception {
        List<Path> found = new ArrayList<>();
        assertTrue(Deployments.eventually(Duration.ofSeconds(15), () -> {
            try (Stream<Path> s = Files.list(DOWNLOADS)) {
                found.clear();
                s.filter(p -> p.getFileName().toString().startsWith(STREAM) && p.toString().endsWith(".mp4")).forEach(found::add);
            }
            return !found.isEmpty() && Files.size(found.get(0)) > 0;
        }), "the MP4 was saved into " + DOWNLOADS);
        return found.get(0);
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    /** The dashboard, the streams list, the stream page and its timeline at 1280 px wide. */
    private static void screenshots(ConsoleBrowser b) throws Exception {
        b.driver.manage().window().setSize(new Dimension(1280, 900));
        b.open("/admin/index.xhtml");
        b.find("#version");
        Thread.sleep(1500); // the charts draw after load
        shot(b, "console-dashboard.png");
        b.open("/admin/streams.xhtml");
        b.find("#streams\\:table");
        shot(b, "console-streams.png");
        b.driver.manage().window().setSize(new Dimension(1280, 1000));
        b.open("/admin/stream-view.xhtml?name=" + STREAM);
        JavascriptExecutor js = (JavascriptExecutor) b.driver;
        b.until(d -> number(js.executeScript("return document.getElementById('player').currentTime")) > 1.0);
        b.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live:media"), "h264"));
        shot(b, "console-stream-page.png");
        WebElement timeline = b.find("#timeline");
        js.executeScript("arguments[0].scrollIntoView({block: 'center'});"
                + "var z=document.getElementById('zoom'); z.value='60'; z.dispatchEvent(new Event('change'));", timeline);
        b.until(d -> !d.findElements(By.cssSelector("#ranges[data-span='60'] .range")).isEmpty());
        js.executeScript("var r = document.querySelectorAll('#ranges .range'); r[r.length - 1].click()");
        Files.write(SHOTS.resolve("console-timeline.png"), timeline.getScreenshotAs(OutputType.BYTES));
        // Tablet width: the preview and the figures stack (kept in target/ only, to look at).
        b.driver.manage().window().setSize(new Dimension(800, 1400));
        b.open("/admin/stream-view.xhtml?name=" + STREAM);
        b.find("#player");
        shot(b, "console-stream-page-800.png");
    }

    private static void shot(ConsoleBrowser b, String file) throws Exception {
        Files.write(SHOTS.resolve(file), ((TakesScreenshot) b.driver).getScreenshotAs(OutputType.BYTES));
    }
}
