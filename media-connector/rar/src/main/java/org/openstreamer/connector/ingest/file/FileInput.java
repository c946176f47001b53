package org.openstreamer.connector.ingest.file;

import org.openstreamer.connector.demux.mp4.Mp4Movie;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a {@code file://} input by what the file holds, not by its name: MP4 or QuickTime
 * ({@link Mp4FileInput}), else MPEG-TS ({@link FileTsInput}, which refuses anything else).
 */
public final class FileInput {

    private FileInput() {
    }

    public static TsInput open(PullUrl url) throws IOException {
        Path file = FileFolder.resolve(FileFolder.root(), url.path());
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (Mp4Movie.looksLikeMp4(head)) {
            return Mp4FileInput.open(file, url.path());
        }
        return FileTsInput.open(url);
    }
}
