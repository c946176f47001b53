package org.openstreamer.connector.buffer;

import org.openstreamer.connector.api.ByteSink;
import org.openstreamer.connector.api.LiveTsReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Consumer;

/**
 * One viewer's cursor in a {@link PacketStore}: program tables first, then packets from a keyframe
 * on. A consumer of the hub like any other: woken when packets arrive or the source goes away.
 */
final class LiveTsReaderImpl implements LiveTsReader, HubConsumer {

    private final PacketStore store;
    private final Consumer<LiveTsReaderImpl> onClose;
    /** Counts what this reader hands out into the stream's figures. */
    private final LongConsumer sent;
    /** Whether the stream's source has ended: once this reader has read everything, it ends too. */
    private final BooleanSupplier sourceEnded;
    /** The program tables still to send first, or null. */
    private ByteBuffer pendingTables;
    private long cursor;
    private volatile Runnable listener;
    private volatile boolean ended;

    LiveTsReaderImpl(PacketStore store, byte[] tables, long start, Consumer<LiveTsReaderImpl> onClose, LongConsumer sent,
                     BooleanSupplier sourceEnded) {
        this.sourceEnded = sourceEnded;
        this.store = store;
        this.sent = sent;
        this.pendingTables = tables.length == 0 ? null : ByteBuffer.wrap(tables);
        this.cursor = start;
        this.onClose = onClose;
    }

    @Override
    public synchronized long read(ByteSink sink, int maxBytes) throws IOException {
        if (ended) {
            return ENDED;
        }
        long written = 0;
        if (pendingTables != null) {
            written = pendingTables.remaining();
            sink.write(pendingTables);
        }
        pendingTables = null;
        long available = store.size() - cursor;
        long n = Math.min(available, Math.max(0, (maxBytes - written) / PacketStore.PACKET_SIZE));
        if (n <= 0) {
            if (written == 0 && available <= 0 && sourceEnded.getAsBoolean()) {
                close();
                return ENDED;
            }
            sent.accept(written);
            return written;
        }
        if (!store.write(cursor, cursor + n, sink)) {
            close(); // fell behind what the stream still holds
            return ENDED;
        }
        cursor += n;
        written += n * PacketStore.PACKET_SIZE;
        sent.accept(written);
        return written;
    }

    /** Packets this reader has not read yet. */
    long lag() {
        return store.size() - cursor;
    }

    @Override
    public void onAvailable(Runnable listener) {
        this.listener = listener;
    }

    @Override
    public void packetsAdded(long size) {
        signal();
    }

    @Override
    public void sourceStopped() {
        signal();
    }

    @Override
    public void sourceEnded() {
        signal();
    }

    /** The stream was removed or stopped: the viewer's next read ends. */
    @Override
    public void closed() {
        ended = true;
        signal();
    }

    private void signal() {
        Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            onClose.accept(this);
        }
    }
}
