package org.openstreamer.connector.ingest.tshttp;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tshttps://} and {@code hlss://} against an HTTPS server in the test whose certificate is
 * self-signed (made by keytool): refused by default with the certificate's problem and the way
 * out in the reason; read with {@code tls_verify=false}.
 */
@Timeout(30)
public class TlsVerifyTest {

    private HttpsServer server;

    /** A TLS context with a new self-signed certificate for CN=127.0.0.1, for servers in tests. */
    public static SSLContext selfSigned(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "tls-test"));
        Path store = dir.resolve(name + ".p12");
        Files.deleteIfExists(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process k = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "server",
                "-dname", "CN=127.0.0.1", "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(k.getInputStream().readAllBytes());
        assertEquals(0, k.waitFor(), out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static byte[] packets() {
        byte[] b = new byte[188 * 10];
        for (int i = 0; i < b.length; i += 188) {
            Arrays.fill(b, i, i + 188, (byte) 0x11);
            b[i] = 0x47;
        }
        return b;
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(selfSigned("pull")));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/cam.ts", x -> {
            byte[] b = packets();
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.createContext("/live/index.m3u8", x -> {
            byte[] b = "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nseg.ts\n#EXT-X-ENDLIST\n".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.createContext("/live/seg.ts", x -> {
            byte[] b = packets();
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int readAll(String url, Map<String, String> options) throws IOException {
        PullUrl u = PullUrl.parse(url, options);
        try (TsInput in = PullClients.openerFor(u.scheme()).open(u)) {
            byte[] buf = new byte[188 * 20];
            int total = 0;
            int n;
            while ((n = in.read(buf, 0, buf.length)) != -1) {
                total += n;
            }
            return total;
        }
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefaultAndTakenWithTlsVerifyFalse() throws Exception {
        int port = server.getAddress().getPort();
        for (String url : new String[] {"tshttps://127.0.0.1:" + port + "/cam.ts", "hlss://127.0.0.1:" + port + "/live/index.m3u8",
                "hlss2://127.0.0.1:" + port + "/live/index.m3u8"}) {
            IOException refused = assertThrows(IOException.class, () -> readAll(url, Map.of()), url);
            assertTrue(refused.getMessage().startsWith("TLS handshake with 127.0.0.1:" + port + " failed: PKIX path building failed"),
                    refused.getMessage());
            assertTrue(refused.getMessage().endsWith("(the option tls_verify=false accepts a certificate that cannot be verified)"),
                    refused.getMessage());
            assertThrows(IOException.class, () -> readAll(url, Map.of("tls_verify", "true")), url);

            if (url.startsWith("hlss2")) { // through TLS to the segment, whose packets carry no program
                IOException e = assertThrows(IOException.class, () -> readAll(url, Map.of("tls_verify", "false")));
                assertTrue(e.getMessage().endsWith("brought no program"), e.getMessage());
            } else {
                assertEquals(188 * 10, readAll(url, Map.of("tls_verify", "false")), url);
            }
        }
    }
}
