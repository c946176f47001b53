package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.PublishAdmission;
import org.openstreamer.connector.ingest.Source;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RTMP side of the engine (publishers and players): one listening TCP port ({@code listeners.rtmp}, 1935 unless
 * configured; 0 turns it off), an accepting thread, and a thread per connection
 * ({@link RtmpConnection}) doing blocking I/O: virtual threads where the JVM has them
 * ({@link ConnectionThreads}). Changing the port rebinds the listener; connections
 * already made go on.
 */
public final class RtmpServer {

    private static final Logger LOG = Logger.getLogger(RtmpServer.class.getName());
    static final int MAX_CONNECTIONS = Integer.getInteger("openstreamer.rtmp.max-connections", 2000);

    /** What the server needs from the engine. */
    public interface Host extends PublishAdmission.State {
        /** Admits a publisher: its session, or null if the stream is gone or has a publisher. */
        IngestSession openSession(String stream, Source source);

        /** A reader of the stream's live MPEG-TS from its latest keyframe, or null when it is not live. */
        LiveTsReader openLiveTs(String stream);

        /** Why the stream may not be played over RTMP (a DRM-protected stream), or null. */
        default String playRefusal(String stream) {
            return null;
        }

        void publish(MediaEvent event);

        /** Who decides about players (the web layer's playback check); by default everyone plays. */
        default PlayAuthorizer playAuthorizer() {
            return PlayAuthorizer.OPEN;
        }
    }

    private final Host host;
    private final RtmpLimits limits;
    private final RtmpRefusals refusals;
    private final Set<RtmpConnection> connections = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private int port;

    public RtmpServer(Host host) {
        this(host, RtmpLimits.DEFAULT);
    }

    RtmpServer(Host host, RtmpLimits limits) {
        this.host = host;
        this.limits = limits;
        this.refusals = new RtmpRefusals(host::publish);
    }

    /**
     * Listens on {@code port} (all addresses), or on none for 0; nothing happens when it listens
     * there already. A port that cannot be bound is logged and RTMP stays off until the next call.
     */
    public synchronized void listen(int port) {
        if (port == this.port && (port == 0 || listener != null)) {
            return;
        }
        closeListener();
        this.port = port;
        if (port == 0) {
            LOG.info("RTMP is off (listeners.rtmp 0)");
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port), 128);
            listener = s;
            ConnectionThreads.start("rtmp-accept-" + port, () -> accept(s));
            LOG.info("RTMP listening on port " + port);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "RTMP cannot listen on port " + port + ": " + e.getMessage());
        }
    }

    /** The port listened on, 0 when none. */
    public synchronized int port() {
        return listener == null ? 0 : listener.getLocalPort();
    }

    /**
     * After a configuration change: publishers of streams that are gone, disabled or closed for
     * publishing are disconnected, and players of streams that are gone or disabled, as for SRT.
     */
    public void closeGone() {
        for (RtmpConnection c : connections) {
            String published = c.publishing();
            String played = c.playing();
            StreamConfig p = published == null ? null : host.config(published);
            StreamConfig v = played == null ? null : host.config(played);
            if (published != null && (p == null || p.disabled() || !p.publishEnabled())) {
                c.disconnect("stream removed or no longer publishable");
            } else if (played != null && (v == null || v.disabled())) {
                c.disconnect("stream removed");
            }
        }
    }

    /** Closes the listener and every connection; their publishers stop with reason {@code server stopping}. */
    public synchronized void stop() {
        closeListener();
        port = 0;
        connections.forEach(c -> c.disconnect("server stopping"));
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket socket;
            try {
                socket = s.accept();
            } catch (IOException e) {
                if (!s.isClosed()) {
                    LOG.warning("RTMP accept on port " + s.getLocalPort() + ": " + e.getMessage());
                }
                continue;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                refusals.protocolError(socket.getInetAddress().getHostAddress() + ":" + socket.getPort(), s.getLocalPort(),
                        "too many RTMP connections (" + MAX_CONNECTIONS + ", system property openstreamer.rtmp.max-connections)");
                closeQuietly(socket);
                continue;
            }
            RtmpConnection c = new RtmpConnection(socket, host, limits, refusals);
            connections.add(c);
            ConnectionThreads.start("rtmp " + c.peer(), () -> {
                try {
                    c.run();
                } finally {
                    connections.remove(c);
                }
            });
        }
    }

    private void closeListener() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }
}
