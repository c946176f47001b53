package org.openstreamer.connector.ingest.file;

import org.openstreamer.connector.demux.mp4.Mp4Data;
import org.openstreamer.connector.demux.mp4.Mp4Movie;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code file://PATH} of an MP4 or QuickTime file: remuxed to MPEG-TS ({@link Mp4TsRemuxer}) and
 * handed on in a loop in real time, each access unit when its decoding time is due by the wall
 * clock. Only the {@code moov} is held in memory; samples are read from the file as they are due.
 */
public final class Mp4FileInput implements TsInput {

    private static final int PACKET = 188;

    private final FileChannel channel;
    private final Mp4TsRemuxer remuxer;
    private int sent;
    private long clockStart = -1;
    private long wallStart;

    private Mp4FileInput(FileChannel channel, Mp4TsRemuxer remuxer) {
        this.channel = channel;
        this.remuxer = remuxer;
    }

    /** Reads the file's tables; a file that cannot play is refused here with the reason. */
    static Mp4FileInput open(Path file, String name) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            Mp4Data data = Mp4Data.of(ch);
            Mp4Movie movie;
            try {
                movie = Mp4Movie.read(data);
            } catch (IOException e) {
                throw new IOException("the MP4 file " + name + " cannot be played: " + e.getMessage(), e);
            }
            return new Mp4FileInput(ch, new Mp4TsRemuxer(name, movie, data));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int filled = 0;
        long deadline = System.currentTimeMillis() + PullClients.POLL_MILLIS;
        while (true) {
            int pending = remuxer.outLength() - sent;
            if (pending > 0) {
                int n = Math.min(pending, (len - filled) / PACKET * PACKET);
                if (n == 0) {
                    return filled;
                }
                System.arraycopy(remuxer.out(), sent, buf, off + filled, n);
                sent += n;
                filled += n;
                continue;
            }
            long wait = dueIn(remuxer.nextDts());
            if (wait > 0) {
                if (filled > 0) {
                    return filled;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return 0;
                }
                sleep(Math.min(wait, left));
                continue;
            }
            remuxer.muxNext();
            sent = 0;
        }
    }

    /** Milliseconds until the access unit decoded at {@code dts} is due; the first is due at once. */
    private long dueIn(long dts) {
        long now = System.currentTimeMillis();
        if (clockStart < 0) {
            clockStart = dts;
            wallStart = now;
            return 0;
        }
        return wallStart + (dts - clockStart) / 90 - now;
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
