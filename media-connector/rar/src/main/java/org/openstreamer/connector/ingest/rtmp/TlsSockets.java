package org.openstreamer.connector.ingest.rtmp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * TLS client sockets for {@code rtmps://}. Verified (the default): the JVM's trust store and the
 * host name of the URL against the certificate, as a browser would; a raw {@link SSLSocket} checks
 * neither name unless asked, hence the endpoint identification here. Not verified
 * ({@code tls_verify=false}): any certificate, for a source with a self-signed one on a network
 * one trusts; the traffic is still encrypted.
 */
final class TlsSockets {

    private TlsSockets() {
    }

    /** An unconnected TLS socket for {@code host}. */
    static SSLSocket client(String host, boolean verify) throws IOException {
        try {
            SSLContext context;
            if (verify) {
                context = SSLContext.getDefault();
            } else {
                context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustAll()}, null);
            }
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
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
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available: " + e.getMessage(), e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
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
