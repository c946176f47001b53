package org.openstreamer.connector.ingest.tshttp;

import java.io.IOException;
import java.io.InputStream;

/**
 * A body in HTTP/1.1 chunked transfer coding, decoded as it is read. Its state lives in fields, so
 * a read timeout (a {@link java.net.SocketTimeoutException} from {@code in}) anywhere, even inside
 * a chunk-size line, loses nothing: the next read goes on where this one stopped.
 */
final class ChunkedBody {

    private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER, DONE }

    /** A chunk size takes at most this many hex digits (2^60 bytes: never, in a live stream). */
    private static final int MAX_SIZE_DIGITS = 15;

    private final InputStream in;
    private State state = State.SIZE;
    private long size;
    private int digits;
    private long left;
    /** Characters on the current trailer line (0: the blank line that ends the body). */
    private int trailerLine;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    /** Like {@link InputStream#read(byte[], int, int)}: data bytes, or -1 after the last chunk. */
    int read(byte[] buf, int off, int len) throws IOException {
        while (true) {
            switch (state) {
                case DONE -> {
                    return -1;
                }
                case DATA -> {
                    int n = in.read(buf, off, (int) Math.min(len, left));
                    if (n < 0) {
                        throw new IOException("connection closed inside a chunk");
                    }
                    left -= n;
                    if (left == 0) {
                        state = State.DATA_CR;
                    }
                    if (n > 0) {
                        return n;
                    }
                }
                default -> step(next());
            }
        }
    }

    private int next() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed inside the chunked body");
        }
        return b;
    }

    /** One byte of the framing around the data. */
    private void step(int b) throws IOException {
        switch (state) {
            case SIZE -> {
                int d = Character.digit(b, 16);
                if (d >= 0 && digits < MAX_SIZE_DIGITS) {
                    size = size * 16 + d;
                    digits++;
                } else if (digits > 0 && (b == ';' || b == ' ' || b == '\t')) {
                    state = State.EXTENSION;
                } else if (digits > 0 && b == '\r') {
                    state = State.SIZE_LF;
                } else if (digits > 0 && b == '\n') {
                    sized();
                } else {
                    throw new IOException("bad chunk size in the chunked body");
                }
            }
            case EXTENSION -> {
                if (b == '\n') {
                    sized();
                }
            }
            case SIZE_LF -> {
                if (b != '\n') {
                    throw new IOException("bad chunk size line in the chunked body");
                }
                sized();
            }
            case DATA_CR -> {
                if (b == '\n') {
                    state = State.SIZE;
                } else if (b == '\r') {
                    state = State.DATA_LF;
                } else {
                    throw new IOException("a chunk is longer than its size says");
                }
            }
            case DATA_LF -> {
                if (b != '\n') {
                    throw new IOException("a chunk is longer than its size says");
                }
                state = State.SIZE;
            }
            case TRAILER -> {
                if (b == '\n') {
                    if (trailerLine == 0) {
                        state = State.DONE;
                    }
                    trailerLine = 0;
                } else if (b != '\r') {
                    trailerLine++;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void sized() {
        left = size;
        state = size == 0 ? State.TRAILER : State.DATA;
        size = 0;
        digits = 0;
        trailerLine = 0;
    }
}
