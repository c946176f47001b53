package org.openstreamer.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
