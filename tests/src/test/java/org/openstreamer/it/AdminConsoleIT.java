package org.openstreamer.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The PrimeFaces console renders live figures for a signed-in user and nothing for others. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(5)
class AdminConsoleIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void dashboardShowsServerHealthAndEvents() throws Exception {
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> Http.get("/health").statusCode() == 200));
        assertTrue(Deployments.eventually(Duration.ofSeconds(30),
                () -> Http.admin("/admin/").body().contains("engine_started")), "the event table lists engine_started");
        HttpResponse<String> page = Http.admin("/admin/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = page.body();
        assertTrue(html.contains("OpenStreamer console"), "title");
        assertTrue(html.contains("primefaces"), "PrimeFaces resources are linked");
        assertTrue(html.contains("resource-adapter") && html.contains("ffmpeg") && html.contains("database"), "health table");
        assertTrue(html.contains(">UP<") || html.contains("\"UP\""), "health status shown");
        assertTrue(html.contains("0 configured, 0 online"), "stream counts");
    }

    /** The same page in headless Chromium: the browser signs in and PrimeFaces renders the tables. */
    @Test
    void rendersInARealBrowser() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isExecutable(chromium), "chromium is not installed (apt-get install chromium)");
        }
        assertTrue(Deployments.eventually(Duration.ofSeconds(30), () -> Http.get("/health").statusCode() == 200));
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-");
        String url = Http.uri("/admin/").toString().replace("http://", "http://" + Http.ADMIN + ":" + Http.ADMIN_PASSWORD + "@");
        String dom = MediaTools.exec(new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-quic", "--no-first-run",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--virtual-time-budget=3000",
                "--dump-dom", url).redirectError(ProcessBuilder.Redirect.DISCARD), 60).output();
        assertTrue(dom.contains("OpenStreamer console"), dom);
        assertTrue(dom.contains("ui-datatable"), "PrimeFaces data tables rendered");
        assertTrue(dom.contains("engine_started"), "the event table lists engine_started");
        assertTrue(dom.contains(">UP<"), "health tags rendered");
    }

    @Test
    void theConsoleNeedsALogin() throws Exception {
        assertEquals(401, Http.get("/admin/").statusCode());
        assertEquals(401, Http.get("/admin/index.xhtml", Http.ADMIN, "wrong-password").statusCode());
    }

    @Test
    void theRootPageLeadsToTheConsole() throws Exception {
        HttpResponse<String> root = Http.get("/");
        assertEquals(200, root.statusCode());
        assertTrue(root.body().contains("admin/index.xhtml"));
    }
}
