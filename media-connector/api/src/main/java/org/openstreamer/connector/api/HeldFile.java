package org.openstreamer.connector.api;

import java.nio.channels.FileChannel;

/**
 * A read-only file kept open for as long as someone holds it: a closed live segment in a
 * memory-backed file, so that HTTP can send it with {@code sendfile} instead of copying it for
 * every viewer. Readers take a hold before reading and release it when done (also on error);
 * the owner's own hold goes when the segment leaves the live window, and the file closes after
 * the last release.
 */
public interface HeldFile {

    /** The open file; read it only positionally ({@code read(dst, position)}, {@code transferTo}). */
    FileChannel channel();

    long size();

    /** Takes a hold; false when the file is already gone (then read nothing). */
    boolean hold();

    /** Gives back one hold taken with {@link #hold} (or the owner's). */
    void release();
}
