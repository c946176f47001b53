package org.openstreamer.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's server settings, text configuration, publish locations and templates pages in a
 * real browser: a change stored as the API sees it, refusals next to their fields, an import's
 * dry run and apply, the viewer's read-only pages and forged posts; and on every console page,
 * labelled fields, a keyboard focus that shows, and a layout that fits 1280 px and 800 px.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(6)
class ConsoleSettingsIT {

    static final String LOCATION = "it-cs-loc";
    static final String TEMPLATE = "it-cs-tpl";
    static final String IMPORTED = "it-cs-imported";
    static final List<String> PAGES = List.of("/admin/index.xhtml", "/admin/streams.xhtml", "/admin/users.xhtml",
            "/admin/account.xhtml", "/admin/stream.xhtml", "/admin/settings.xhtml", "/admin/config-text.xhtml",
            "/admin/locations.xhtml", "/admin/templates.xhtml");

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
        ConfigApi.cleanUp();
    }

    @Test
    void anAdminChangesTheServerSettings() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(Http.ADMIN, Http.ADMIN_PASSWORD);
            b.until(ExpectedConditions.urlContains("/admin/index.xhtml"));

            // Server settings: a refused range is explained next to its field, and nothing is stored ...
            b.open("/admin/settings.xhtml");
            b.byId("settings:addRange").click();
            b.type("settings:ranges:0:first", "47110");
            b.type("settings:ranges:0:last", "47100");
            b.type("settings:ranges:0:rangeAddress", "127.0.0.1");
            b.byId("settings:save").click();
            WebElement portsError = ConsoleForms.waitFor(b, "the range's error", d -> {
                WebElement e = d.findElement(By.id("settings:ranges:0:portsError"));
                return e.getText().isBlank() ? null : e;
            });
            assertTrue(portsError.isDisplayed());
            assertTrue(ConfigApi.json(Http.admin(ConfigApi.CONFIG).body()).getJsonObject("listeners")
                    .getJsonArray("srt").isEmpty(), "a refused form stores nothing");
            // ... and once corrected it is stored and read back by the API.
            b.type("settings:ranges:0:last", "47119");
            b.type("settings:configExternal", "http://127.0.0.1:9/config_backend/");
            b.byId("settings:save").click();
            ConsoleForms.waitFor(b, "saved in settings:messages", d -> d.findElement(By.id("settings:messages")).getText().contains("saved"));
            JsonObject stored = ConfigApi.json(Http.admin(ConfigApi.CONFIG).body());
            JsonObject range = stored.getJsonObject("listeners").getJsonArray("srt").getJsonObject(0);
            assertEquals(47110, range.getJsonObject("ports").getInt("first"));
            assertEquals(47119, range.getJsonObject("ports").getInt("last"));
            assertEquals("http://127.0.0.1:9/config_backend/", stored.getString("config_external"));
            assertTrue(b.byId("settings:bindings").getText().contains("No port resolved yet"));

        }
    }

    @Test
    void aTextConfigurationIsCheckedThenApplied() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(Http.ADMIN, Http.ADMIN_PASSWORD);
            b.until(ExpectedConditions.urlContains("/admin/index.xhtml"));
            // Text configuration: a dry run lists the changes and stores nothing; apply stores them.
            b.open("/admin/config-text.xhtml");
            b.type("import:text", "stream " + IMPORTED + " {\n  title \"From the console\";\n  input publish://;\n}\n");
            b.byId("import:check").click();
            ConsoleForms.waitFor(b, "the dry run's changes", d -> d.findElements(By.id("import:diff")).isEmpty() ? null : true);
            String diff = b.byId("import:diff").getText();
            assertTrue(diff.contains(IMPORTED) && diff.contains("created"), diff);
            assertEquals(404, Http.admin(ConfigApi.STREAMS + IMPORTED).statusCode(), "a dry run stores nothing");
            b.byId("import:apply").click();
            b.byId("import:confirmYes").click();
            ConsoleForms.waitFor(b, "imported in import:messages", d -> d.findElement(By.id("import:messages")).getText().contains("imported"));
            assertEquals("From the console", ConfigApi.getStream(IMPORTED).getString("title"));
            // A refused text lists its problems with their lines; Apply stays off.
            b.type("import:text", "stream " + IMPORTED + " {\n  segment_duration soon;\n}\n");
            b.byId("import:check").click();
            assertTrue(b.byId("import:problems").getText().contains("2"), "the problem's line");
            assertFalse(b.byId("import:apply").isEnabled());

        }
    }

    @Test
    void locationsAndTemplatesAreManagedInTheirPages() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(Http.ADMIN, Http.ADMIN_PASSWORD);
            b.until(ExpectedConditions.urlContains("/admin/index.xhtml"));
            // Publish locations: created in the page, read by the API.
            b.open("/admin/locations.xhtml");
            b.byId("sets:create").click();
            b.type("sets:key", LOCATION);
            b.type("sets:segmentDuration", "4");
            b.byId("sets:save").click();
            ConsoleForms.waitFor(b, "created in sets:messages", d -> d.findElement(By.id("sets:messages")).getText().contains("created"));
            JsonObject location = ConfigApi.json(Http.admin("/streamer/api/v3/live/" + LOCATION).body());
            assertEquals(4, location.getInt("segment_duration"));
            assertTrue(b.byId("sets:table").getText().contains(LOCATION));

            // Templates: a refusal next to its field, then created and read by the API.
            b.open("/admin/templates.xhtml");
            b.byId("sets:create").click();
            b.type("sets:key", TEMPLATE);
            b.type("sets:prefix", TEMPLATE);
            b.type("sets:inputs", "hls://127.0.0.1:9/%s/index.m3u8");
            b.type("sets:segmentDuration", "four");
            b.byId("sets:save").click();
            ConsoleForms.waitFor(b, "the segment duration's error",
                    d -> d.findElement(By.id("sets:segmentDurationError")).getText().isBlank() ? null : true);
            assertEquals(404, Http.admin("/streamer/api/v3/templates/" + TEMPLATE).statusCode());
            b.type("sets:segmentDuration", "4");
            b.byId("sets:save").click();
            ConsoleForms.waitFor(b, "created in sets:messages", d -> d.findElement(By.id("sets:messages")).getText().contains("created"));
            JsonObject template = ConfigApi.json(Http.admin("/streamer/api/v3/templates/" + TEMPLATE).body());
            assertEquals("hls://127.0.0.1:9/%s/index.m3u8", template.getJsonArray("inputs").getJsonObject(0).getString("url"));
            // ... and deleted after a confirmation.
            b.driver.findElement(By.xpath("//tr[.//a[text()='" + TEMPLATE + "']]//button[contains(@id,':delete')]")).click();
            b.byId("sets:confirmYes").click();
            ConsoleForms.waitFor(b, "deleted in sets:messages", d -> d.findElement(By.id("sets:messages")).getText().contains("deleted"));
            assertEquals(404, Http.admin("/streamer/api/v3/templates/" + TEMPLATE).statusCode());
        }
    }

    @Test
    void aViewerSeesTheSettingsAndChangesNothing() throws Exception {
        ConfigApi.createViewer();
        assertEquals(200, ConfigApi.admin("PATCH", ConfigApi.CONFIG, "{\"listeners\":{\"rtmp\":[{\"port\":1935}]}}").statusCode());
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(ConfigApi.VIEWER, ConfigApi.VIEWER_PASSWORD);
            b.until(ExpectedConditions.urlContains("/admin/index.xhtml"));
            b.open("/admin/settings.xhtml");
            assertFalse(b.byId("settings:rtmpPort").isEnabled(), "fields are read-only");
            assertFalse(b.present("settings:save"));
            assertFalse(b.present("settings:addRange"));
            b.open("/admin/locations.xhtml");
            b.byId("sets:table");
            assertFalse(b.present("sets:create"));
            assertTrue(b.driver.findElements(By.cssSelector("[id$=':delete'], [id$=':edit']")).isEmpty());
            b.open("/admin/config-text.xhtml");
            assertTrue(b.byId("export:download").isDisplayed(), "a viewer may export (without secrets)");
            assertFalse(b.present("import:text"));

            // A forged save with the viewer's own session and view state changes nothing ...
            String cookie = b.sessionCookie();
            assertNotNull(cookie);
            Map<String, String> fields = Map.of("settings", "settings", "settings:rtmpPort", "1999",
                    "settings:save", "settings:save",
                    "jakarta.faces.ViewState", ConsoleForms.viewState("/admin/settings.xhtml", cookie));
            HttpResponse<String> forged = ConsoleForms.post("/admin/settings.xhtml", cookie, fields, true);
            assertTrue(forged.statusCode() == 200 || forged.statusCode() == 403, forged.statusCode() + " " + forged.body());
            assertEquals(1935, rtmpPort(), "a viewer's post changed nothing");
            // ... and a post from another site is refused outright.
            assertEquals(403, ConsoleForms.post("/admin/settings.xhtml", cookie, fields, false).statusCode());
            Map<String, String> importing = Map.of("import", "import", "import:text", "rtmp 1999;", "import:check", "import:check",
                    "jakarta.faces.ViewState", ConsoleForms.viewState("/admin/config-text.xhtml", cookie));
            HttpResponse<String> imported = ConsoleForms.post("/admin/config-text.xhtml", cookie, importing, true);
            assertNotEquals(500, imported.statusCode());
            assertEquals(1935, rtmpPort(), "a viewer cannot import");
        }
    }

    /** Every console page: each field has a label, the keyboard focus shows, and nothing needs a sideways scroll at 1280 and 800 px. */
    @Test
    void everyPageIsLabelledKeyboardReachableAndFitsATablet() throws Exception {
        assertEquals(200, ConfigApi.putStream("it-cs-a11y", "{\"inputs\":[{\"url\":\"hls://127.0.0.1:9/a.m3u8\"}],"
                + "\"pushes\":[{\"url\":\"srt://127.0.0.1:9\"}]}").statusCode() / 100 * 100);
        try (ConsoleBrowser b = new ConsoleBrowser()) {
            b.signIn(Http.ADMIN, Http.ADMIN_PASSWORD);
            b.until(ExpectedConditions.urlContains("/admin/index.xhtml"));
            List<String> problems = new ArrayList<>();
            for (int width : new int[] {1280, 800}) {
                b.driver.manage().window().setSize(new Dimension(width, 1000));
                for (String page : PAGES) {
                    b.open(page + (page.endsWith("stream.xhtml") ? "?name=it-cs-a11y" : ""));
                    ConsoleForms.waitFor(b, "the page", d -> d.findElements(By.cssSelector("main#content")).isEmpty() ? null : true);
                    if (page.endsWith("locations.xhtml") || page.endsWith("templates.xhtml")) {
                        b.byId("sets:create").click(); // the form too
                        b.byId("sets:key");
                    }
                    List<String> unlabelled = ConsoleForms.unlabelledFields(b);
                    if (!unlabelled.isEmpty()) {
                        problems.add(page + " at " + width + " px: fields without a label " + unlabelled);
                    }
                    if (ConsoleForms.scrollsSideways(b)) {
                        problems.add(page + " at " + width + " px: wider than the window " + ConsoleForms.widest(b));
                    }
                }
            }
            assertEquals(List.of(), problems);
            // The keyboard: the first Tab reaches the skip link, with a visible focus ring; Enter moves to the content.
            b.open("/admin/settings.xhtml");
            b.find("main#content");
            new Actions(b.driver).sendKeys(Keys.TAB).perform();
            JavascriptExecutor js = (JavascriptExecutor) b.driver;
            assertEquals("skip-link", js.executeScript("return document.activeElement.className"));
            assertNotEquals("none", js.executeScript("return getComputedStyle(document.activeElement).outlineStyle"));
            new Actions(b.driver).sendKeys(Keys.ENTER).perform();
            b.until(d -> "content".equals(js.executeScript("return document.activeElement.id")));
            // Tabbing on from the content reaches the form's fields in page order.
            new Actions(b.driver).sendKeys(Keys.TAB).perform();
            String first = (String) js.executeScript("return document.activeElement.id || document.activeElement.tagName");
            assertTrue(first.startsWith("settings:"), "the first stop after the menu is the form: " + first);
        }
    }

    private static int rtmpPort() throws Exception {
        return ConfigApi.json(Http.admin(ConfigApi.CONFIG).body()).getJsonObject("listeners").getJsonArray("rtmp")
                .getJsonObject(0).getInt("port");
    }
}
