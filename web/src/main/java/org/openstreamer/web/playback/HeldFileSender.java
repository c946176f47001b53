package org.openstreamer.web.playback;

import io.undertow.server.HttpServerExchange;
import org.openstreamer.connector.api.HeldFile;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a range of a held memory file as the response body with {@code sendfile}, without
 * blocking the I/O thread: the headers are flushed first (Undertow copies file data through a
 * buffer while headers are pending), then the kernel moves the file's pages to the socket. Reads
 * are positional, so any number of requests share one open file. The hold is given back exactly
 * once: when the body is sent, on an error, or when the connection goes away mid-way.
 */
final class HeldFileSender implements ChannelListener<StreamSinkChannel> {

    /**
     * Most bytes sent for one request per turn of the I/O thread. A fast reader on loopback or a
     * LAN could otherwise take a whole segment in one go while the thread's other connections
     * wait: after this much the sender yields and comes back on the next writable event. Smaller
     * turns cost the reader more wake-ups per segment (nginx's sendfile_max_chunk is 2 MiB too).
     */
    private static final long MAX_PER_TURN = 2 * 1024 * 1024;

    private final HttpServerExchange exchange;
    private final HeldFile file;
    private final AtomicBoolean released = new AtomicBoolean();
    private long position;
    private long remaining;
    private boolean headersSent;

    private HeldFileSender(HttpServerExchange exchange, HeldFile file, long position, long count) {
        this.exchange = exchange;
        this.file = file;
        this.position = position;
        this.remaining = count;
    }

    /** Sends bytes {@code [position, position+count)} of {@code file}, which the caller has held once for this. */
    static void send(HttpServerExchange exchange, HeldFile file, long position, long count) {
        HeldFileSender sender = new HeldFileSender(exchange, file, position, count);
        try {
            exchange.addExchangeCompleteListener((ex, next) -> {
                sender.release();
                next.proceed();
            });
            sender.handleEvent(exchange.getResponseChannel());
        } catch (RuntimeException | Error e) {
            sender.release();
            throw e;
        }
    }

    @Override
    public void handleEvent(StreamSinkChannel channel) {
        try {
            if (!headersSent) {
                if (!channel.flush()) {
                    awaitWritable(channel);
                    return;
                }
                headersSent = true;
            }
            long turn = 0;
            while (remaining > 0) {
                if (turn >= MAX_PER_TURN) {
                    awaitWritable(channel); // still writable: back after the thread's other connections
                    return;
                }
                long n = channel.transferFrom(file.channel(), position, Math.min(remaining, MAX_PER_TURN));
                if (n <= 0) {
                    awaitWritable(channel);
                    return;
                }
                position += n;
                remaining -= n;
                turn += n;
            }
            channel.getWriteSetter().set(null);
            release();
            exchange.endExchange();
        } catch (IOException e) {
            release();
            IoUtils.safeClose(exchange.getConnection());
            exchange.endExchange();
        }
    }

    private void awaitWritable(StreamSinkChannel channel) {
        channel.getWriteSetter().set(this);
        channel.resumeWrites();
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            file.release();
        }
    }
}
