package org.openstreamer.connector.ingest.pull;

import org.openstreamer.connector.demux.ts.TsPackets;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A pulled input reduced to one program by a {@link ProgramSelector}: the input options
 * {@code program=N} and {@code pids=A,B,...}. The source's bytes are cut into whole packets here
 * (a packet split across two reads waits for its end; bytes out of sync are skipped up to the next
 * sync byte), so every client may hand over bytes as they come.
 */
final class ProgramSelectingInput implements TsInput {

    private static final int SIZE = TsPackets.SIZE;
    private static final byte SYNC = 0x47;

    private final TsInput source;
    private final ProgramSelector selector;
    /** The start of a packet whose end has not come yet. */
    private final byte[] partial = new byte[SIZE];
    private int partialLength;

    private ProgramSelectingInput(TsInput source, ProgramSelector selector) {
        this.source = source;
        this.selector = selector;
    }

    /** {@code source} reduced to the program its options ask for, or {@code source} itself when they ask for none. */
    static TsInput wrap(TsInput source, Map<String, String> options) throws IOException {
        String program = options.get("program");
        String pids = options.get("pids");
        if (program == null && pids == null) {
            return source;
        }
        try {
            int number = program == null ? 0 : Integer.parseInt(program.trim());
            int[] kept = pids == null ? null : Arrays.stream(pids.split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray();
            return new ProgramSelectingInput(source, new ProgramSelector(number, kept));
        } catch (NumberFormatException e) {
            source.close();
            throw new IOException("program and pids must be numbers: program=" + program + " pids=" + pids, e);
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len < 2 * SIZE) {
            throw new IllegalArgumentException("read at least two packets at a time");
        }
        System.arraycopy(partial, 0, buf, off, partialLength);
        int n = source.read(buf, off + partialLength, len - partialLength);
        if (n <= 0) {
            return n;
        }
        int end = off + partialLength + n;
        int w = off;
        int r = off;
        while (r + SIZE <= end) {
            if (buf[r] != SYNC) {
                r++; // out of sync: the demuxer would drop these bytes too
                continue;
            }
            if (r != w) {
                System.arraycopy(buf, r, buf, w, SIZE);
            }
            w += SIZE;
            r += SIZE;
        }
        partialLength = end - r;
        System.arraycopy(buf, r, partial, 0, partialLength);
        return selector.filter(buf, off, w - off);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
