package org.openstreamer.connector.ingest.rtmp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openstreamer.connector.demux.ts.TsFixtures;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rtmps://} as a pulled input: ffmpeg serves the stream over plain RTMP on loopback
 * (Debian's ffmpeg cannot listen for rtmps itself) behind a TLS terminator made here with a
 * self-signed certificate from keytool. Verified by default, the certificate is refused;
 * {@code tls_verify=false} plays it.
 */
@Timeout(30)
class RtmpsPullTest {

    private Process ffmpeg;
    private SSLServerSocket tls;

    @AfterEach
    void stop() throws IOException {
        if (ffmpeg != null) {
            ffmpeg.destroyForcibly();
        }
        if (tls != null) {
            tls.close();
        }
    }

    /** A TLS listener on loopback that forwards each connection to {@code plainPort}; its port. */
    private int tlsTerminator(int plainPort) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "rtmps-test"));
        Path store = dir.resolve("server.p12");
        Files.deleteIfExists(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process k = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "server",
                "-dname", "CN=127.0.0.1", "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertEquals(0, k.waitFor(), new String(k.getInputStream().readAllBytes()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        tls = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            try {
                while (true) {
                    javax.net.ssl.SSLSocket client = (javax.net.ssl.SSLSocket) tls.accept();
                    try {
                        client.startHandshake(); // before ffmpeg, which takes one connection only
                    } catch (IOException e) {
                        client.close();
                        continue; // the client refused the certificate
                    }
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), plainPort);
                    pipe(client.getInputStream(), server.getOutputStream());
                    pipe(server.getInputStream(), client.getOutputStream());
                }
            } catch (IOException e) {
                // closed: the test is over
            }
        }, "rtmps-terminator");
        accept.setDaemon(true);
        accept.start();
        return tls.getLocalPort();
    }

    private static void pipe(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void aSelfSignedSourceIsRefusedUnlessVerificationIsOff() throws Exception {
        int plain = RtmpTestHost.freePort();
        ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
                "-i", TsFixtures.path("h264_aac").toString(), "-c", "copy", "-f", "flv", "-listen", "1",
                "rtmp://127.0.0.1:" + plain + "/live/cam").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int port = tlsTerminator(plain);
        String url = "rtmps://127.0.0.1:" + port + "/live/cam";

        IOException refused = assertThrows(IOException.class,
                () -> PullClients.openerFor(PullUrl.Scheme.RTMPS).open(PullUrl.parse(url, Map.of())).close());
        assertTrue(String.valueOf(refused.getMessage()).toLowerCase().contains("certif")
                || String.valueOf(refused.getMessage()).contains("PKIX"), refused.toString());

        try (TsInput in = PullClients.openerFor(PullUrl.Scheme.RTMPS).open(PullUrl.parse(url, Map.of("tls_verify", "false")))) {
            byte[] buf = new byte[188 * 100];
            int total = 0;
            while (total < 188 * 50) {
                int n = in.read(buf, 0, buf.length);
                assertTrue(n >= 0, "the stream goes on");
                if (total == 0 && n > 0) {
                    assertEquals(0x47, buf[0] & 0xff, "MPEG-TS from the FLV of the TLS source");
                }
                total += n;
            }
        }
    }

    /** The push side ({@code rtmps://} pushes): publishing to ffmpeg listening behind the same terminator. */
    @Test
    void publishingOverTlsChecksTheCertificateUnlessTlsVerifyIsFalse() throws Exception {
        int plain = RtmpTestHost.freePort();
        ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-listen", "1",
                "-i", "rtmp://127.0.0.1:" + plain + "/live/cam", "-f", "null", "-").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int port = tlsTerminator(plain);
        RtmpClient.Target target = RtmpClient.Target.parse("rtmps://127.0.0.1:" + port + "/live/cam");

        IOException refused = assertThrows(IOException.class, () -> RtmpClient.publish(target).close());
        assertTrue(String.valueOf(refused.getMessage()).contains("PKIX"), refused.toString());

        long end = System.currentTimeMillis() + 10_000;
        while (true) {
            try (RtmpClient client = RtmpClient.publish(target, false)) {
                return; // connected over TLS, and the server started the publishing
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > end) {
                    throw notYet;
                }
                Thread.sleep(200); // ffmpeg not listening yet
            }
        }
    }
}
