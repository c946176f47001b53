package org.openstreamer.web.dvr;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.api.HeldFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Segments the archive's owner opened, written to a response stream. */
class ArchiveBytesTest {

    /** A held file over {@code channel} that claims {@code size} bytes. */
    private static HeldFile held(FileChannel channel, long size) {
        return new HeldFile() {
            @Override
            public FileChannel channel() {
                return channel;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public boolean hold() {
                return true;
            }

            @Override
            public void release() {
            }
        };
    }

    @Test
    void theWholeFileIsWrittenInOrder() throws Exception {
        byte[] content = new byte[300_000]; // more than one transfer's buffer
        new Random(7).nextBytes(content);
        Path file = Files.createTempFile("archive-bytes-", ".ts");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(content));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ArchiveBytes.send(held(ch, content.length), out);
            assertArrayEquals(content, out.toByteArray());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aFileShorterThanItsSizeFailsInsteadOfSpinning() throws Exception {
        Path file = Files.createTempFile("archive-bytes-", ".ts");
        Files.write(file, new byte[1000]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThrows(IOException.class, () -> ArchiveBytes.send(held(ch, 2000), new ByteArrayOutputStream()));
        } finally {
            Files.delete(file);
        }
    }
}
