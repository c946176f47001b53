package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.ingest.srt.SrtAdmission.Reject;

/** The range watcher's view of the server: range ports become listeners and back. */
final class SrtRangeListeners implements SrtRangeWatcher.Listeners {

    private final SrtServer server;
    private final SrtServer.Host host;
    private final SrtRejectLog rejects;
    private final SrtReactor reactor;
    private final SrtPlayerPump pump;

    SrtRangeListeners(SrtServer server, SrtServer.Host host, SrtRejectLog rejects, SrtReactor reactor,
                      SrtPlayerPump pump) {
        this.server = server;
        this.host = host;
        this.rejects = rejects;
        this.reactor = reactor;
        this.pump = pump;
    }

    @Override
    public boolean acquire(int port, int udpFd, SrtPortRole role) {
        return server.acquireRangePort(port, udpFd, role);
    }

    @Override
    public void release(int port) {
        server.releaseRangePort(port);
    }

    @Override
    public boolean active(int port) {
        for (SrtPublisher p : reactor.publishers()) {
            if (p.port == port) {
                return true;
            }
        }
        for (SrtPlayer p : pump.players()) {
            if (p.port == port) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean known(String stream) {
        StreamConfig c = host.config(stream);
        return c != null && !c.disabled();
    }

    @Override
    public void refused(String peer, int port, Reject reject) {
        rejects.refused(peer, port, reject, host);
    }
}
