package org.openstreamer.connector.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * A complete HTTP response body and its headers, made once (a playlist when its segment closes,
 * a segment when it is cut) and then sent to every viewer as it is: requests take fresh views of
 * the same read-only buffers, or send the same memory file, so nothing is copied or built per
 * request.
 */
public final class ReadyBody {

    /** IMF-fixdate (RFC 9110): two-digit day, English names, GMT. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ByteBuffer[] parts;
    private final HeldFile file;
    private final long length;
    private final String contentType;
    private final String cacheControl;
    private final String etag;
    private final String lastModified;

    /**
     * @param parts        the body, in order; kept as read-only views, never changed afterwards
     * @param etag         an opaque tag unique to this content (quotes are added here)
     * @param modifiedAt   when the content was made, Unix ms
     */
    public ReadyBody(ByteBuffer[] parts, String contentType, String cacheControl, String etag, long modifiedAt) {
        this(parts, null, contentType, cacheControl, etag, modifiedAt);
    }

    /** A body that is the whole of {@code file}; requests {@link HeldFile#hold hold} it while they send. */
    public ReadyBody(HeldFile file, String contentType, String cacheControl, String etag, long modifiedAt) {
        this(new ByteBuffer[0], file, contentType, cacheControl, etag, modifiedAt);
    }

    private ReadyBody(ByteBuffer[] parts, HeldFile file, String contentType, String cacheControl, String etag,
                      long modifiedAt) {
        this.parts = new ByteBuffer[parts.length];
        long n = 0;
        for (int i = 0; i < parts.length; i++) {
            this.parts[i] = parts[i].asReadOnlyBuffer();
            n += parts[i].remaining();
        }
        this.file = file;
        this.length = file != null ? file.size() : n;
        this.contentType = contentType;
        this.cacheControl = cacheControl;
        this.etag = '"' + etag + '"';
        this.lastModified = HTTP_DATE.format(Instant.ofEpochMilli(modifiedAt));
    }

    /** A text body (a playlist) in one direct buffer, tagged by its checksum. */
    public static ReadyBody text(String text, String contentType, String cacheControl, long modifiedAt) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return new ReadyBody(new ByteBuffer[] {direct}, contentType, cacheControl,
                Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(bytes.length), modifiedAt);
    }

    public long length() {
        return length;
    }

    public String contentType() {
        return contentType;
    }

    public String cacheControl() {
        return cacheControl;
    }

    /** The entity tag, quoted, as the {@code ETag} header carries it. */
    public String etag() {
        return etag;
    }

    /** {@code Last-Modified} as HTTP writes it. */
    public String lastModified() {
        return lastModified;
    }

    /** The memory file holding the whole body, or null when the body is in {@link #buffers}. */
    public HeldFile file() {
        return file;
    }

    /** Fresh views of the whole body, for one request to consume (empty for a file body). */
    public ByteBuffer[] buffers() {
        ByteBuffer[] out = new ByteBuffer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].duplicate();
        }
        return out;
    }

    /** Fresh views of bytes {@code [first, last]} (inclusive, as in a {@code Range} header), for one request. */
    public ByteBuffer[] range(long first, long last) {
        if (first < 0 || last < first || last >= length) {
            throw new IndexOutOfBoundsException("range " + first + "-" + last + " of " + length);
        }
        int from = 0;
        long skipped = 0;
        while (skipped + parts[from].remaining() <= first) {
            skipped += parts[from++].remaining();
        }
        int to = from;
        long end = skipped + parts[from].remaining();
        while (end <= last) {
            end += parts[++to].remaining();
        }
        ByteBuffer[] out = new ByteBuffer[to - from + 1];
        long at = skipped;
        for (int i = from; i <= to; i++) {
            ByteBuffer b = parts[i].duplicate();
            int size = b.remaining();
            int start = (int) Math.max(0, first - at);
            int stop = (int) Math.min(size, last + 1 - at);
            b.limit(b.position() + stop).position(b.position() + start);
            out[i - from] = b;
            at += size;
        }
        return out;
    }

    /** Writes the whole body to {@code sink}, one part (or file chunk) at a time. */
    public void writeTo(ByteSink sink) throws IOException {
        if (file == null) {
            for (ByteBuffer b : parts) {
                sink.write(b.duplicate());
            }
            return;
        }
        if (!file.hold()) {
            throw new IOException("the body's file is gone");
        }
        try {
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            for (long at = 0; at < length; at += chunk.limit()) {
                chunk.clear();
                if (file.channel().read(chunk, at) < 0) {
                    throw new IOException("file ended at " + at + " of " + length + " bytes");
                }
                sink.write(chunk.flip());
            }
        } finally {
            file.release();
        }
    }
}
