package org.openstreamer.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openstreamer.ejb.service.PasswordHasher;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Logins through the cache of verified credentials: what must hold however fast the second request
 * is. Accounts are changed the way the documentation tells operators to, with SQL.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiLoginIT {

    private static final String USER = "it-login";
    private static final String SERVER = "/streamer/api/v3/server";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @AfterEach
    void removeUser() throws Exception {
        sql("DELETE FROM users WHERE username = ?", USER);
    }

    @Test
    void aChangedPasswordIsRefusedRightAfterwardsAndTheNewOneAccepted() throws Exception {
        createViewer("first-password");
        assertEquals(200, Http.get(SERVER, USER, "first-password").statusCode());
        assertEquals(200, Http.get(SERVER, USER, "first-password").statusCode(), "from the cache");

        sql("UPDATE users SET password_hash = ? WHERE username = ?",
                PasswordHasher.hash("second-password".toCharArray()), USER);
        HttpResponse<String> old = Http.get(SERVER, USER, "first-password");
        assertEquals(401, old.statusCode());
        assertEquals("unauthorized", Http.object(old).getString("error"));
        assertTrue(old.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "), old.headers().toString());
        assertEquals(200, Http.get(SERVER, USER, "second-password").statusCode());
    }

    @Test
    void aDeletedAccountIsRefusedRightAfterwards() throws Exception {
        createViewer("some-password");
        assertEquals(200, Http.get(SERVER, USER, "some-password").statusCode());
        sql("DELETE FROM users WHERE username = ?", USER);
        assertEquals(401, Http.get(SERVER, USER, "some-password").statusCode());
    }

    @Test
    void rolesStillDecideAfterACachedLogin() throws Exception {
        createViewer("viewer-password");
        assertEquals(200, Http.get(SERVER, USER, "viewer-password").statusCode());
        HttpResponse<String> write = Http.send("PUT", "/streamer/api/v3/streams/it-login-stream", USER,
                "viewer-password", "{}");
        assertEquals(403, write.statusCode(), write.body());
        assertEquals(401, Http.get(SERVER).statusCode(), "no credentials");
        assertEquals(200, Http.get("/health").statusCode(), "no login needed");
    }

    @Test
    void anAddressThatGuessesTooOftenGets429WithoutACheck() throws Exception {
        // From a loopback address of its own, so the limit reached here hinders no other test.
        String address = "127.0.0.9";
        for (int i = 0; i < 10; i++) {
            assertEquals(401, rawGet(address, Http.ADMIN, "wrong-" + i).status(), "attempt " + i);
        }
        Raw refused = rawGet(address, Http.ADMIN, Http.ADMIN_PASSWORD);
        assertEquals(429, refused.status(), refused.text());
        assertTrue(refused.text().contains("too_many_attempts"), refused.text());
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(200, Http.admin(SERVER).statusCode(), "other addresses are not affected");
    }

    private static void createViewer(String password) throws Exception {
        sql("INSERT INTO users (username, password_hash) VALUES (?, ?)", USER,
                PasswordHasher.hash(password.toCharArray()));
        sql("INSERT INTO user_roles (username, role) VALUES (?, 'viewer')", USER);
    }

    private static void sql(String statement, String... args) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private record Raw(int status, String text) {
        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            throw new AssertionError("no " + name + " header in " + text);
        }
    }

    /** java.net.http cannot choose its local address, a socket can. */
    private static Raw rawGet(String localAddress, String user, String password) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", Http.uri("/").getPort()), 5000);
            s.setSoTimeout(20_000);
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            out.write(("GET " + SERVER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + auth
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            return new Raw(Integer.parseInt(text.substring(9, 12)), text);
        }
    }
}
