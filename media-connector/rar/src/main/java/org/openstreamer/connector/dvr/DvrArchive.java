package org.openstreamer.connector.dvr;

import org.openstreamer.connector.api.Archive;
import org.openstreamer.connector.api.ArchiveSegmentRecord;
import org.openstreamer.connector.api.DiskSpace;
import org.openstreamer.connector.api.DvrPaths;
import org.openstreamer.connector.api.HeldFile;
import org.openstreamer.connector.api.Mp4Export;
import org.openstreamer.connector.api.StreamName;
import org.openstreamer.connector.packager.hls.Segment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.DirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one owner of the archive folders: {@code ROOT/STREAM/YYYY/MM/DD/HH/MM/SS-DURATION.ts}
 * ({@link DvrPaths}). The recorder writes through it; the EJB layer (index, retention, deletion)
 * and the web layer (playback, downloads, exports) reach it only through the connector API
 * ({@link Archive}), naming segments by the records it reported. Each path is checked to be a
 * segment name of a valid stream under an absolute root, so the API reaches no other file.
 */
public final class DvrArchive implements Archive {

    static final String TMP = ".tmp";
    /** A segment's temporary file older than this is a left-over: a write takes seconds at most. */
    static final long STALE_TMP_MILLIS = 10 * 60_000;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm").withZone(ZoneOffset.UTC);

    /**
     * Writes {@code segment} of {@code stream} under {@code root}: to {@code NAME.ts.tmp}, forced to
     * disk, then renamed, so a crash leaves at most a {@code .tmp} that no scan lists. Two segments
     * starting within one second both stay (the second's name gets the milliseconds).
     */
    public ArchiveSegmentRecord write(String root, String stream, Segment segment) throws IOException {
        Path folder = streamFolder(root, stream);
        String relative = DvrPaths.relative(segment.startMillis(), segment.durationMillis());
        Path file = folder.resolve(relative);
        if (Files.exists(file)) {
            relative = DvrPaths.relative(segment.startMillis(), segment.durationMillis(), true);
            file = folder.resolve(relative);
        }
        Path tmp = file.resolveSibling(file.getFileName() + TMP);
        try {
            try (FileChannel ch = create(tmp)) {
                segment.copyTo(ch);
                ch.force(false);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp); // gone after the move; a failed write leaves nothing behind
        }
        return new ArchiveSegmentRecord(stream, segment.startMillis(), segment.durationMillis(), segment.size(), root, relative);
    }

    /**
     * Opens a new temporary file, making its folders. Once more if its folder vanished meanwhile:
     * retention removes folders it leaves empty, and a new minute's folder is empty until this write.
     */
    private static FileChannel create(Path tmp) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(tmp.getParent());
            try {
                return FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (NoSuchFileException e) {
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    /** Where {@link #write} puts a segment starting at {@code startMillis}: for messages. */
    public static Path fileOf(String root, String stream, long startMillis, long durationMillis) {
        return Path.of(root).resolve(stream).resolve(DvrPaths.relative(startMillis, durationMillis));
    }

    @Override
    public HeldFile open(ArchiveSegmentRecord segment) throws IOException {
        try {
            return new OpenArchiveFile(FileChannel.open(file(segment), StandardOpenOption.READ));
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    @Override
    public List<ArchiveSegmentRecord> scan(String root, String stream, long afterMillis) throws IOException {
        Path folder = streamFolder(root, stream);
        List<ArchiveSegmentRecord> found = new ArrayList<>();
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
                if (rel.endsWith(".ts" + TMP)) {
                    // Left by a write the server never finished; a young one is being written right now.
                    if (attrs.lastModifiedTime().toMillis() < System.currentTimeMillis() - STALE_TMP_MILLIS) {
                        Files.deleteIfExists(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
                DvrPaths.SegmentName name = DvrPaths.parse(rel);
                if (name != null && name.startMillis() > afterMillis && name.durationMillis() > 0) {
                    found.add(new ArchiveSegmentRecord(stream, name.startMillis(), name.durationMillis(), attrs.size(), root, rel));
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
        found.sort(Comparator.comparingLong(ArchiveSegmentRecord::startMillis));
        return found;
    }

    @Override
    public void delete(List<ArchiveSegmentRecord> segments) throws IOException {
        for (ArchiveSegmentRecord s : segments) {
            Path file = file(s);
            Files.deleteIfExists(file);
            Path stop = streamFolder(s.root(), s.stream());
            for (Path dir = file.getParent(); dir != null && dir.startsWith(stop) && !dir.equals(stop); dir = dir.getParent()) {
                try {
                    Files.delete(dir);
                } catch (IOException notEmpty) {
                    break;
                }
            }
        }
    }

    @Override
    public List<ArchiveSegmentRecord> deleteStream(String root, String stream) throws IOException {
        List<ArchiveSegmentRecord> all = scan(root, stream, Long.MIN_VALUE);
        delete(all);
        return all;
    }

    @Override
    public DiskSpace disk(String root) throws IOException {
        Path p = Path.of(root);
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return new DiskSpace(0, 0);
        }
        FileStore store = Files.getFileStore(p);
        return new DiskSpace(store.getTotalSpace(), store.getUsableSpace());
    }

    @Override
    public String exportPath(String root, String stream, String file) {
        if (file.startsWith("/")) {
            return Path.of(file).normalize().toString();
        }
        if (root == null) {
            return null;
        }
        Path folder = streamFolder(root, stream).normalize();
        Path target = folder.resolve(file).normalize();
        return target.startsWith(folder) && !target.equals(folder) ? target.toString() : null;
    }

    @Override
    public Mp4Export exportMp4(List<ArchiveSegmentRecord> segments, long fromMillis, long toMillis, boolean precise,
                               String outPath, boolean newFile) throws IOException {
        List<ArchiveSegment> files = new ArrayList<>(segments.size());
        for (ArchiveSegmentRecord s : segments) {
            files.add(new ArchiveSegment(file(s), s.startMillis(), s.durationMillis()));
        }
        Path out = Path.of(outPath);
        if (newFile) {
            if (Files.exists(out)) {
                throw new FileAlreadyExistsException(outPath);
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        org.openstreamer.connector.dvr.Mp4Export.Result r =
                org.openstreamer.connector.dvr.Mp4Export.export(files, fromMillis, toMillis, precise, out);
        return new Mp4Export(r.bytes(), r.durationMillis());
    }

    @Override
    public HeldFile exportMp4(List<ArchiveSegmentRecord> segments, long fromMillis, long toMillis, boolean precise)
            throws IOException {
        Path tmp = Files.createTempFile("openstreamer-export-", ".mp4");
        try {
            exportMp4(segments, fromMillis, toMillis, precise, tmp.toString(), false);
            return new OpenArchiveFile(FileChannel.open(tmp, StandardOpenOption.READ));
        } finally {
            Files.deleteIfExists(tmp); // the open channel keeps reading it; nothing is left if the server dies
        }
    }

    /**
     * For a reader following the archive (timeshift): the first segment of {@code stream} after
     * {@code cursor} that starts by {@code position}; at the very start ({@code cursor}
     * MIN_VALUE), the one playing at {@code position}, if any. Looks through the
     * minute folders in between: a gap of a day costs 1,440 folder look-ups. The records carry no
     * size ({@code bytes} 0).
     */
    public ArchiveSegmentRecord next(String root, String stream, long cursor, long position) {
        Path folder = streamFolder(root, stream);
        long fromMinute = cursor == Long.MIN_VALUE ? position / 60_000 - 5 : cursor / 60_000;
        long toMinute = position / 60_000;
        ArchiveSegmentRecord best = null;
        for (long minute = fromMinute; minute <= toMinute; minute++) {
            Path dir = folder.resolve(MINUTE.format(Instant.ofEpochMilli(minute * 60_000)));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.ts")) {
                for (Path f : files) {
                    String rel = relative(folder, f);
                    DvrPaths.SegmentName n = DvrPaths.parse(rel);
                    if (n == null || n.startMillis() > position) {
                        continue;
                    }
                    ArchiveSegmentRecord candidate = new ArchiveSegmentRecord(stream, n.startMillis(), n.durationMillis(),
                            0, root, rel);
                    if (cursor == Long.MIN_VALUE) { // the one that plays now, if one does
                        if (n.startMillis() + n.durationMillis() > position) {
                            best = candidate;
                        }
                    } else if (n.startMillis() > cursor && (best == null || candidate.startMillis() < best.startMillis())) {
                        best = candidate;
                    }
                }
            } catch (IOException e) {
                // a folder removed meanwhile
            }
            if (best != null && cursor != Long.MIN_VALUE) {
                return best; // the earliest after the cursor is in the first folder that has one
            }
        }
        return best;
    }

    /** The whole segment, for a reader that paces it itself; null when the file is gone. */
    public byte[] read(ArchiveSegmentRecord segment) throws IOException {
        try {
            return Files.readAllBytes(file(segment));
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** The file of a segment the index named; refuses anything that is no segment of a stream's folder. */
    static Path file(ArchiveSegmentRecord s) {
        if (DvrPaths.parse(s.path()) == null) {
            throw new IllegalArgumentException("not an archive segment name: " + s.path());
        }
        return streamFolder(s.root(), s.stream()).resolve(s.path());
    }

    /** The folder of a stream's archive: {@code ROOT/NAME} ({@code NAME} may hold {@code /}). */
    public static Path streamFolder(String root, String stream) {
        if (root == null || !root.startsWith("/")) {
            throw new IllegalArgumentException("a DVR root is an absolute path, not " + root);
        }
        if (!StreamName.isValid(stream)) {
            throw new IllegalArgumentException("not a stream name: " + stream);
        }
        return Path.of(root).resolve(stream);
    }

    private static String relative(Path folder, Path p) {
        return folder.relativize(p).toString().replace('\\', '/');
    }
}
