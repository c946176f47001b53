package org.openstreamer.connector.dvr;

import org.openstreamer.connector.api.HeldFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An archive segment opened for one reader: born with the reader's hold, closed with the last
 * release. The file may be deleted meanwhile (retention): the open channel still reads it whole.
 */
final class OpenArchiveFile implements HeldFile {

    private final FileChannel channel;
    private final long size;
    private final AtomicInteger holds = new AtomicInteger(1);

    OpenArchiveFile(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    @Override
    public FileChannel channel() {
        return channel;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean hold() {
        for (int h = holds.get(); h > 0; h = holds.get()) {
            if (holds.compareAndSet(h, h + 1)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void release() {
        if (holds.decrementAndGet() == 0) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing is lost
            }
        }
    }
}
