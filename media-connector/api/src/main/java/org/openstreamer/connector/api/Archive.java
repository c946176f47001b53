package org.openstreamer.connector.api;

import java.io.IOException;
import java.util.List;

/**
 * The DVR archive on disk, owned by the engine: the only way into the archive folders for the
 * rest of the server. The index (in the EJB layer) says which segments exist; this reads,
 * finds, deletes and exports their files. Segments are named by the records the engine reported
 * ({@link ArchiveSegmentRecord}); a path that is no segment name, or a stream name that is not
 * one, is refused, so nothing outside the archive's segment files can be reached through it.
 */
public interface Archive {

    /**
     * Opens a segment for reading: the caller owns one hold on it and releases it when done (also
     * on error). Null when the file is gone (retention took it).
     */
    HeldFile open(ArchiveSegmentRecord segment) throws IOException;

    /**
     * The segment files of {@code stream} under {@code root} that start after {@code afterMillis}
     * ({@link Long#MIN_VALUE}: all), oldest first. Left-over {@code .tmp} files of an interrupted
     * write are deleted on the way.
     */
    List<ArchiveSegmentRecord> scan(String root, String stream, long afterMillis) throws IOException;

    /** Deletes the files of {@code segments} and the folders they leave empty; a missing file is no error. */
    void delete(List<ArchiveSegmentRecord> segments) throws IOException;

    /**
     * Deletes every segment file of {@code stream} under {@code root} and returns what it deleted,
     * oldest first. Only segment files go: a stream below it ({@code a/b} under {@code a}) keeps its own.
     */
    List<ArchiveSegmentRecord> deleteStream(String root, String stream) throws IOException;

    /** The disk holding {@code root} (or its nearest existing parent); zero sizes when none exists. */
    DiskSpace disk(String root) throws IOException;

    /**
     * Where an export named {@code file} goes: an absolute path as given (normalized); a relative
     * one in the stream's folder under {@code root}, null when it would leave that folder or there
     * is no root.
     */
    String exportPath(String root, String stream, String file);

    /**
     * Remuxes archived segments (oldest first) into an MP4 at {@code outPath}, moov at the front,
     * without re-encoding: the range {@code [fromMillis, toMillis)} to the segment, or to the
     * frame with {@code precise}. Gaps between segments are closed up. With {@code newFile} the
     * file's folders are made and an existing file is never replaced
     * ({@link java.nio.file.FileAlreadyExistsException}). Throws with a clear message when nothing
     * of the range can be read; never leaves a partial file.
     */
    Mp4Export exportMp4(List<ArchiveSegmentRecord> segments, long fromMillis, long toMillis, boolean precise,
                        String outPath, boolean newFile) throws IOException;

    /**
     * Like {@link #exportMp4(List, long, long, boolean, String, boolean)}, into a temporary file
     * that is gone from disk once returned: the caller reads it (a download) and releases its hold.
     */
    HeldFile exportMp4(List<ArchiveSegmentRecord> segments, long fromMillis, long toMillis, boolean precise)
            throws IOException;
}
