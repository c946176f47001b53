package org.openstreamer.ejb.events;

import org.openstreamer.connector.api.MediaEvent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine events an outage of PostgreSQL keeps waiting, on disk as well as in memory, so that a
 * server restarted (or killed) during the outage still stores them once the database is back. One
 * record per event: its length, then the event in Java serialization; a record cut short by a
 * crash ends the reading. The file exists only while events wait. Thread-safe.
 */
final class EventJournal {

    /** Longest record read back: an event is a few hundred bytes. */
    static final int MAX_RECORD = 1 << 20;
    /** What a record may hold: the event record and the JSON-like values of its data. */
    private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=100000;maxbytes=" + MAX_RECORD + ";"
                    + MediaEvent.class.getName() + ";java.time.Ser;java.time.Instant;java.lang.*;java.util.*;!*");

    private final Path file;

    EventJournal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Adds {@code events} at the end, in their order. */
    synchronized void append(List<MediaEvent> events) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (MediaEvent e : events) {
                out.write(record(e));
            }
        }
    }

    /** Replaces the whole journal with {@code events}; none removes the file. */
    synchronized void rewrite(List<MediaEvent> events) throws IOException {
        if (events.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            for (MediaEvent e : events) {
                out.write(record(e));
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** What {@link #read()} found: the events, oldest first, and the bytes past the last whole record. */
    record Kept(List<MediaEvent> events, long unreadBytes) {
    }

    /**
     * The events kept; none when there is no file. Reading stops at the first record that is cut
     * short (a crash during an append) or is not an event.
     */
    synchronized Kept read() throws IOException {
        List<MediaEvent> events = new ArrayList<>();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return new Kept(events, 0);
        }
        long read = 0;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            while (size - read > Integer.BYTES) {
                int length = in.readInt();
                if (length <= 0 || length > MAX_RECORD || length > size - read - Integer.BYTES) {
                    break;
                }
                MediaEvent event = event(in.readNBytes(length));
                if (event == null) {
                    break;
                }
                events.add(event);
                read += Integer.BYTES + length;
            }
        }
        return new Kept(events, size - read);
    }

    private static byte[] record(MediaEvent event) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(body)) {
            out.writeObject(event);
        }
        ByteArrayOutputStream record = new ByteArrayOutputStream(Integer.BYTES + body.size());
        new DataOutputStream(record).writeInt(body.size());
        body.writeTo(record);
        return record.toByteArray();
    }

    /** The event in {@code body}, or null when it holds something else or is damaged. */
    private static MediaEvent event(byte[] body) {
        try (InputStream bytes = new ByteArrayInputStream(body); ObjectInputStream in = new ObjectInputStream(bytes)) {
            in.setObjectInputFilter(CLASSES);
            return in.readObject() instanceof MediaEvent e ? e : null;
        } catch (IOException | ClassNotFoundException | RuntimeException e) { // from bytes in memory: damage, not I/O
            return null;
        }
    }
}
