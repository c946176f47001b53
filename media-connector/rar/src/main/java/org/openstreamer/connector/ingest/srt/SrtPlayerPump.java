package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtOption;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The thread that sends to every SRT player (thread {@code srt-player-pump}): a player whose
 * stream has new data is queued once, and the pump sends it all that is available with
 * non-blocking sends. A player too slow for live is dropped, so it never holds anyone back.
 */
final class SrtPlayerPump implements Runnable {

    private static final Logger LOG = Logger.getLogger(SrtPlayerPump.class.getName());

    private final SrtServer.Host host;
    private final int epoll;
    private final Map<Integer, SrtPlayer> players = new ConcurrentHashMap<>();
    private final BlockingQueue<SrtPlayer> toPump = new LinkedBlockingQueue<>();
    private volatile boolean running = true;

    /** @param epoll the reactor's set, which watches players for errors only */
    SrtPlayerPump(SrtServer.Host host, int epoll) {
        this.host = host;
        this.epoll = epoll;
    }

    /** Each player's counters, from any thread. */
    void addStats(List<SrtConnectionStats> out) {
        SrtConnection.addStats(players.values(), out);
    }

    /**
     * An accepted player of {@code name} (on the reactor thread); closed at once if the stream has
     * no live data. {@code grant} hears when it leaves, and cuts it when the server closes its session.
     */
    void start(int socket, String peer, int port, String name, PlayAuthorizer.Grant grant) {
        LiveStream stream = host.liveStream(name);
        LiveTsReader reader = stream == null ? null : stream.openReader();
        if (reader == null) {
            SrtNative.close(socket);
            grant.ended(0);
            return;
        }
        SrtNative.setOption(socket, SrtOption.SNDSYN, false);
        SrtPlayer p = new SrtPlayer(socket, peer, port, name, reader, grant);
        players.put(socket, p);
        grant.onRevoked(() -> closeSoon(p, "session closed by the server"));
        SrtNative.epollAdd(epoll, socket, SrtNative.EPOLL_ERR);
        reader.onAvailable(() -> schedule(p));
        schedule(p);
        host.publish(MediaEvent.of(MediaEventType.PLAY_STARTED, name,
                Map.of("protocol", "srt", "peer", peer, "port", port)));
    }

    /** The reactor saw an error on {@code socket}: if it is a player's, that player goes. False if it is none. */
    boolean broken(int socket) {
        SrtPlayer player = players.get(socket);
        if (player == null) {
            return false;
        }
        close(player, "connection closed");
        return true;
    }

    Collection<SrtPlayer> players() {
        return players.values();
    }

    /** Closes the players that match {@code which}. */
    void closeIf(Predicate<SrtPlayer> which, String reason) {
        players.values().forEach(p -> {
            if (which.test(p)) {
                close(p, reason);
            }
        });
    }

    /** Ends the loop and closes every player. */
    void stop(String reason) {
        running = false;
        closeIf(p -> true, reason);
    }

    /** Cuts a player from any thread: the pump thread closes it, so it never races with a send. */
    void closeSoon(SrtPlayer p, String reason) {
        p.revoked = reason;
        schedule(p);
    }

    private void schedule(SrtPlayer p) {
        if (!p.closed && p.queued.compareAndSet(false, true)) {
            toPump.offer(p);
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                SrtPlayer p = toPump.poll(200, TimeUnit.MILLISECONDS);
                if (p == null) {
                    continue;
                }
                p.queued.set(false);
                if (p.revoked != null) {
                    close(p, p.revoked);
                } else if (!p.closed && !p.pump()) {
                    close(p, "too slow for live, or gone");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "SRT player pump: " + e.getMessage(), e);
            }
        }
    }

    void close(SrtPlayer p, String reason) {
        if (players.remove(p.socket) == null) {
            return;
        }
        p.closed = true;
        p.reader.close();
        try {
            SrtNative.epollRemove(epoll, p.socket);
        } catch (RuntimeException ignored) {
            // already gone
        }
        SrtNative.close(p.socket);
        p.grant.ended(p.bytesSent);
        host.publish(MediaEvent.of(MediaEventType.PLAY_STOPPED, p.stream,
                Map.of("protocol", "srt", "peer", p.peer, "reason", reason)));
    }
}
