package org.openstreamer.web.dvr;

import org.openstreamer.connector.api.Archive;
import org.openstreamer.connector.api.HeldFile;
import org.openstreamer.ejb.dvr.ArchiveSegment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/** Archive segments written to a response: opened by the archive's owner, sent, released. */
final class ArchiveBytes {

    private ArchiveBytes() {
    }

    /** Writes the whole segment to {@code out}; false when its file is gone (retention took it). */
    static boolean copy(Archive archive, ArchiveSegment segment, OutputStream out) throws IOException {
        HeldFile file = archive.open(segment.record());
        if (file == null) {
            return false;
        }
        try {
            send(file, out);
            return true;
        } finally {
            file.release();
        }
    }

    /** Writes an opened segment to {@code out}; the caller keeps its hold. */
    static void send(HeldFile file, OutputStream out) throws IOException {
        WritableByteChannel target = Channels.newChannel(out);
        long size = file.size();
        for (long at = 0; at < size; ) {
            long n = file.channel().transferTo(at, size - at, target);
            if (n <= 0) { // segment files never shrink; refuse to spin if one did
                throw new IOException("archive segment ended at " + at + " of " + size + " bytes");
            }
            at += n;
        }
    }
}
