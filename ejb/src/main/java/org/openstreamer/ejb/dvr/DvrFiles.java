package org.openstreamer.ejb.dvr;

import org.openstreamer.connector.api.DvrPaths;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive as it is on disk: segment files under {@code ROOT/STREAM/YYYY/MM/DD/HH/MM/}, named
 * by their start and duration ({@link DvrPaths}). Reading them back is how the index is rebuilt
 * and how segments the index missed (written just before a crash, or while PostgreSQL was away)
 * are found. Left-over {@code .tmp} files of an interrupted write are deleted on the way.
 */
public final class DvrFiles {

    private DvrFiles() {
    }

    /** Every segment file of the stream, oldest first ({@code seq} 0: the index numbers them). */
    public static List<ArchiveSegment> scan(String root, String stream) throws IOException {
        return scan(root, stream, Long.MIN_VALUE);
    }

    /**
     * The segment files that start after {@code afterMillis}; only the folders that can hold such
     * files are visited, so catching up on the last minutes of a month-long archive is cheap.
     */
    public static List<ArchiveSegment> scan(String root, String stream, long afterMillis) throws IOException {
        Path folder = DvrPaths.streamFolder(root, stream);
        List<ArchiveSegment> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        String floor = afterMillis == Long.MIN_VALUE ? "" : DvrPaths.relative(Math.max(afterMillis, 0), 0);
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String rel = relative(folder, dir);
                // A folder whose path sorts before the floor's folder of the same depth holds only older files.
                boolean older = !rel.isEmpty() && rel.compareTo(floor.substring(0, Math.min(rel.length(), floor.length()))) < 0;
                return older ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = relative(folder, file);
                if (rel.endsWith(".ts.tmp")) {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }
                DvrPaths.SegmentName name = DvrPaths.parse(rel);
                if (name != null && name.startMillis() > afterMillis && name.durationMillis() > 0) {
                    found.add(new ArchiveSegment(stream, name.startMillis(), name.durationMillis(), attrs.size(), 0, root, rel));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted meanwhile (retention)
                }
                throw e;
            }
        });
        found.sort(java.util.Comparator.comparingLong(ArchiveSegment::startMillis));
        return found;
    }

    /** Deletes the files of {@code segments} and the folders they leave empty; a missing file is no error. */
    public static void delete(List<ArchiveSegment> segments) throws IOException {
        for (ArchiveSegment s : segments) {
            Path file = s.file();
            Files.deleteIfExists(file);
            Path stop = DvrPaths.streamFolder(s.root(), s.stream());
            for (Path dir = file.getParent(); dir != null && dir.startsWith(stop) && !dir.equals(stop); dir = dir.getParent()) {
                try {
                    Files.delete(dir);
                } catch (IOException notEmpty) {
                    break;
                }
            }
        }
    }

    private static String relative(Path folder, Path p) {
        return folder.relativize(p).toString().replace('\\', '/');
    }
}
