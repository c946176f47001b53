package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.api.ByteSink;
import org.openstreamer.connector.api.LiveTsReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays a live stream to one RTMP peer, on a thread of its own: the stream's MPEG-TS from its
 * latest keyframe ({@link LiveTsReader}) becomes FLV tags ({@link TsFlvTags}) sent as audio and
 * video messages. It waits for the hub's signal when it has caught up, and ends when the stream
 * ends, the player falls too far behind, or the socket breaks.
 */
final class RtmpPlayer implements Runnable {

    static final int VIDEO_CHUNK_STREAM = 6;
    static final int AUDIO_CHUNK_STREAM = 4;
    private static final int READ = 64 * 1024;

    private final LiveTsReader reader;
    private final RtmpChunkWriter writer;
    private final int streamId;
    private final Consumer<String> ended;
    private final Semaphore available = new Semaphore(0);
    private final TsFlvTags tags;
    private final ByteSink sink = this::packets;
    private byte[] copy = new byte[READ];
    private volatile boolean stopped;
    private long tagsSent;
    private volatile long bytesSent;

    /**
     * @param writer shared with the connection's thread: every use is synchronized on it
     * @param ended  called once from this thread when playing ends by itself, with the reason
     */
    RtmpPlayer(LiveTsReader reader, RtmpChunkWriter writer, int streamId, Consumer<String> ended) {
        this.reader = reader;
        this.writer = writer;
        this.streamId = streamId;
        this.ended = ended;
        this.tags = new TsFlvTags(this::send);
        reader.onAvailable(available::release);
    }

    /** Bytes of audio and video sent (chunk headers left out). */
    long bytesSent() {
        return bytesSent;
    }

    long tagsSent() {
        return tagsSent;
    }

    /** Units of the stream that could not be turned into tags. */
    long droppedFrames() {
        return tags.droppedFrames();
    }

    /** Ends playing from any thread; the pump thread leaves its loop soon. */
    void stop() {
        stopped = true;
        available.release();
    }

    @Override
    public void run() {
        String reason = "stopped";
        try {
            while (!stopped) {
                // signals from before this read are covered by it; later ones wake the wait below
                available.drainPermits();
                long n;
                while ((n = reader.read(sink, READ)) > 0) {
                    // up to the live edge
                }
                if (n == LiveTsReader.ENDED) {
                    reason = "stream ended";
                    break;
                }
                synchronized (writer) {
                    writer.flush();
                }
                available.tryAcquire(1, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            reason = "connection lost: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.close();
        }
        if (!stopped) {
            ended.accept(reason);
        }
    }

    private void packets(ByteBuffer b) throws IOException {
        int n = b.remaining();
        if (b.hasArray()) {
            tags.packets(b.array(), b.arrayOffset() + b.position(), n);
        } else {
            if (copy.length < n) {
                copy = new byte[n];
            }
            b.duplicate().get(copy, 0, n);
            tags.packets(copy, 0, n);
        }
    }

    private void send(int type, long timestampMs, byte[] buf, int off, int len) throws IOException {
        synchronized (writer) {
            writer.write(type == RtmpMessage.VIDEO ? VIDEO_CHUNK_STREAM : AUDIO_CHUNK_STREAM, type, streamId,
                    timestampMs, buf, off, len);
        }
        tagsSent++;
        bytesSent += len;
    }
}
