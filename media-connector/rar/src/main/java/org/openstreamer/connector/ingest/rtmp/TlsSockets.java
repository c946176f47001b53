package org.openstreamer.connector.ingest.rtmp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * TLS client sockets for the pulled and pushed schemes over TLS ({@code rtmps://}, {@code tshttps://},
 * {@code hlss://}). Verified (the default): the JVM's trust store and the
 * host name of the URL against the certificate, as a browser would; a raw {@link SSLSocket} checks
 * neither name unless asked, hence the endpoint identification here. Not verified
 * ({@code tls_verify=false}): any certificate, for a source with a self-signed one on a network
 * one trusts; the traffic is still encrypted.
 */
public final class TlsSockets {

    private TlsSockets() {
    }

    /** Whether the input or push options leave verification on: {@code tls_verify} unless {@code false}. */
    public static boolean verify(java.util.Map<String, String> options) {
        return !"false".equalsIgnoreCase(options.getOrDefault("tls_verify", "true"));
    }

    /** An unconnected TLS socket for {@code host}. */
    static SSLSocket client(String host, boolean verify) throws IOException {
        try {
            return configured((SSLSocket) context(verify).getSocketFactory().createSocket(), host, verify);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** TLS over the connected {@code plain} socket to {@code host:port}; closing it closes {@code plain}. */
    public static SSLSocket over(java.net.Socket plain, String host, int port, boolean verify) throws IOException {
        try {
            return configured((SSLSocket) context(verify).getSocketFactory().createSocket(plain, host, port, true), host, verify);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
    }

    /** The reason of a failed handshake, with the way out when the certificate was the problem. */
    public static String handshakeFailure(String peer, IOException e, boolean verify) {
        String reason = "TLS handshake with " + peer + " failed: " + e.getMessage();
        boolean certificate = e instanceof javax.net.ssl.SSLHandshakeException
                && String.valueOf(e.getMessage()).matches("(?s).*(PKIX|certificate|subject alternative|No name matching).*");
        return verify && certificate ? reason + " (the option tls_verify=false accepts a certificate that cannot be verified)" : reason;
    }

    /** A context of the JVM's trust store, or one that trusts any certificate. */
    public static SSLContext context(boolean verify) throws GeneralSecurityException {
        if (verify) {
            return SSLContext.getDefault();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        return context;
    }

    private static SSLSocket configured(SSLSocket s, String host, boolean verify) {
        SSLParameters p = s.getSSLParameters();
        if (verify) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        p.setServerNames(java.util.List.of()); // SNI set below when the host is a name
        if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && host.indexOf(':') < 0) {
            p.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(host)));
        }
        s.setSSLParameters(p);
        return s;
    }

    /** Extended, so that JSSE does not add its host name check around it (the HTTP client's sockets). */
    private static final class TrustAll extends javax.net.ssl.X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
