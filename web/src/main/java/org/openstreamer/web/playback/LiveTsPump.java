package org.openstreamer.web.playback;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.web.playback.auth.PlaySession;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves live MPEG-TS from a {@link LiveTsReader} to one HTTP viewer with non-blocking writes. The
 * media thread only schedules a drain (never writes); a viewer that cannot keep up simply stops
 * being ready, falls behind, and is ended by the engine, without slowing anyone else.
 */
final class LiveTsPump implements WriteListener, AsyncListener {

    private static final int CHUNK = 64 * 1024;

    private final LiveTsReader reader;
    private final AsyncContext async;
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The servlet stream takes arrays: the engine's buffers pass through this one, a block at a time. */
    private final byte[] scratch = new byte[CHUNK + 4096];
    private ServletOutputStream out;
    private volatile boolean done;
    private PlaySession session;
    private final AtomicReference<Runnable> ended = new AtomicReference<>();

    LiveTsPump(LiveTsReader reader, AsyncContext async, Executor executor) {
        this.reader = reader;
        this.async = async;
        this.executor = executor;
    }

    /** The viewer's session: it counts the bytes sent, is told when the connection ends, and may end it. */
    LiveTsPump session(PlaySession s, Runnable whenEnded) {
        this.session = s;
        this.ended.set(whenEnded);
        s.onDisconnect(() -> onError((Throwable) null));
        return this;
    }

    void start() throws IOException {
        async.addListener(this);
        out = async.getResponse().getOutputStream();
        reader.onAvailable(this::wake);
        out.setWriteListener(this); // the container calls onWritePossible once it is ready
    }

    /** From the media thread: schedule at most one pending drain. */
    private void wake() {
        if (!done && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drainScheduled);
            } catch (RuntimeException rejected) {
                scheduled.set(false);
            }
        }
    }

    private void drainScheduled() {
        scheduled.set(false);
        try {
            drain();
        } catch (IOException e) {
            onError(e);
        }
    }

    @Override
    public void onWritePossible() throws IOException {
        drain();
    }

    private synchronized void drain() throws IOException {
        while (!done && out.isReady()) {
            long n = reader.read(this::write, CHUNK);
            if (n == LiveTsReader.ENDED) {
                finish();
                return;
            }
            if (n == 0) {
                if (out.isReady()) {
                    out.flush();
                }
                return; // wake() brings us back when data arrives
            }
        }
    }

    private void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            int n = Math.min(bytes.remaining(), scratch.length);
            bytes.get(scratch, 0, n);
            out.write(scratch, 0, n);
            if (session != null) {
                session.seen(System.nanoTime(), n);
            }
        }
    }

    private void finish() {
        if (!done) {
            done = true;
            reader.close();
            async.complete();
            sessionEnded();
        }
    }

    @Override
    public void onError(Throwable t) {
        done = true;
        reader.close();
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // the container ended the request first
        }
        sessionEnded();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        done = true;
        reader.close();
        sessionEnded();
    }

    private void sessionEnded() {
        Runnable r = ended.getAndSet(null);
        if (r != null) {
            r.run();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
