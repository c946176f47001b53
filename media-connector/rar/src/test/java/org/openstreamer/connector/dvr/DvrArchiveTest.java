package org.openstreamer.connector.dvr;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.api.HeldFile;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive's owner over a folder of segment files laid out as the recorder writes them. */
class DvrArchiveTest {

    static final Path ROOT = Path.of("target", "dvr-archive-test").toAbsolutePath();
    private static final long T0 = 1_764_928_800_000L; // 2025-12-05 10:00:00 UTC

    private final DvrArchive archive = new DvrArchive();
    private final String root = ROOT.toString();

    @BeforeEach
    void emptyRoot() throws Exception {
        DvrRecorderTest.TestFolders.clean(ROOT);
    }

    /** A segment file of {@code stream} starting at T0 + {@code offsetMs}, {@code size} bytes long. */
    private ArchiveSegmentRecord segment(String stream, long offsetMs, int size) throws Exception {
        String path = DvrPaths.relative(T0 + offsetMs, 4000);
        Path file = ROOT.resolve(stream).resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[size]);
        return new ArchiveSegmentRecord(stream, T0 + offsetMs, 4000, size, root, path);
    }

    @Test
    void scanFindsTheSegmentsOldestFirstAfterAnInstantAndDropsLeftOverTmpFiles() throws Exception {
        ArchiveSegmentRecord a = segment("cam", 0, 10);
        ArchiveSegmentRecord b = segment("cam", 64_000, 20); // the next minute's folder
        ArchiveSegmentRecord c = segment("cam", 3_600_000, 30); // the next hour's
        Path tmp = ROOT.resolve("cam").resolve(DvrPaths.relative(T0 + 3_604_000, 4000) + ".tmp");
        Files.write(tmp, new byte[5]);
        Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - DvrArchive.STALE_TMP_MILLIS - 60_000));
        Path writing = ROOT.resolve("cam").resolve(DvrPaths.relative(T0 + 3_608_000, 4000) + ".tmp");
        Files.write(writing, new byte[5]); // a segment being written now: the recorder will move it in place
        Files.writeString(ROOT.resolve("cam").resolve("notes.txt"), "not a segment");

        assertEquals(List.of(a, b, c), archive.scan(root, "cam", Long.MIN_VALUE));
        assertFalse(Files.exists(tmp));
        assertTrue(Files.exists(writing), "a scan (retention's catch-up) must not delete a segment being written");
        assertEquals(List.of(b, c), archive.scan(root, "cam", T0));
        assertEquals(List.of(), archive.scan(root, "other", Long.MIN_VALUE));
    }

    @Test
    void deleteRemovesTheFilesAndTheFoldersTheyLeaveEmptyButNoOtherStreams() throws Exception {
        ArchiveSegmentRecord a = segment("cam", 0, 10);
        ArchiveSegmentRecord b = segment("cam", 4_000, 10);
        ArchiveSegmentRecord below = segment("cam/sub", 0, 10);

        archive.delete(List.of(a));
        assertEquals(List.of(b), archive.scan(root, "cam", Long.MIN_VALUE).stream()
                .filter(s -> s.stream().equals("cam")).toList());
        archive.delete(List.of(a, b)); // a is gone already: no error
        assertFalse(Files.exists(ROOT.resolve("cam").resolve(b.path()).getParent()));

        segment("cam", 8_000, 10);
        assertEquals(1, archive.deleteStream(root, "cam").size());
        assertTrue(Files.exists(ROOT.resolve("cam/sub").resolve(below.path())));
    }

    @Test
    void anOpenedSegmentReadsWholeAndClosesWithItsLastRelease() throws Exception {
        ArchiveSegmentRecord a = segment("cam", 0, 1000);
        HeldFile f = archive.open(a);
        assertEquals(1000, f.size());
        assertTrue(f.hold());
        f.release();
        assertEquals(1000, f.channel().read(ByteBuffer.allocate(2000), 0));
        f.release();
        assertFalse(f.channel().isOpen());
        assertFalse(f.hold());

        archive.delete(List.of(a));
        assertNull(archive.open(a));
    }

    @Test
    void nothingOutsideTheSegmentFilesOfAStreamIsReached() {
        assertThrows(IllegalArgumentException.class,
                () -> archive.open(new ArchiveSegmentRecord("cam", T0, 4000, 0, root, "../../etc/passwd")));
        assertThrows(IllegalArgumentException.class,
                () -> archive.open(new ArchiveSegmentRecord("../cam", T0, 4000, 0, root, DvrPaths.relative(T0, 4000))));
        assertThrows(IllegalArgumentException.class,
                () -> archive.scan("relative/root", "cam", Long.MIN_VALUE));
        assertEquals(ROOT.resolve("cam/clips/a.mp4").toString(), archive.exportPath(root, "cam", "clips/a.mp4"));
        assertNull(archive.exportPath(root, "cam", "../other/a.mp4"));
        assertNull(archive.exportPath(null, "cam", "a.mp4"));
        assertEquals("/exports/a.mp4", archive.exportPath(null, "cam", "/exports/x/../a.mp4"));
    }

    @Test
    void diskFiguresComeFromTheNearestExistingFolder() throws Exception {
        var disk = archive.disk(ROOT.resolve("not/yet/made").toString());
        assertTrue(disk.totalBytes() > 0 && disk.usableBytes() <= disk.totalBytes(), disk.toString());
        assertTrue(disk.usedPercent() >= 0 && disk.usedPercent() <= 100, disk.toString());
    }
}
