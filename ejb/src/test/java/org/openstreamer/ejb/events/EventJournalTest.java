package org.openstreamer.ejb.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstreamer.connector.api.MediaEvent;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJournalTest {

    @TempDir
    Path dir;

    private static MediaEvent event(String type, long bytes) {
        return new MediaEvent(type, Instant.parse("2026-12-06T10:15:30.123456Z"), "cam1",
                Map.of("bytes", bytes, "port", 9001, "rate", 1.5, "clean", true, "peer", "127.0.0.1:5000",
                        "tracks", List.of("video", "audio"), "srt", Map.of("lost", 3)));
    }

    @Test
    void eventsComeBackInOrderWithTheirValuesAndTypes() throws Exception {
        EventJournal journal = new EventJournal(dir.resolve("sub/journal.bin"));
        MediaEvent first = event("publish_started", 0);
        MediaEvent second = event("publish_stopped", 5_000_000_000L);
        MediaEvent engineWide = new MediaEvent("engine_stopping", Instant.EPOCH, null, Map.of());
        journal.append(List.of(first, second));
        journal.append(List.of(engineWide));

        EventJournal.Kept kept = new EventJournal(dir.resolve("sub/journal.bin")).read();

        assertEquals(List.of(first, second, engineWide), kept.events());
        assertEquals(0, kept.unreadBytes());
        assertInstanceOf(Long.class, kept.events().get(1).data().get("bytes"));
        assertInstanceOf(Integer.class, kept.events().get(1).data().get("port"));
    }

    @Test
    void noFileIsNoEvents() throws Exception {
        EventJournal.Kept kept = new EventJournal(dir.resolve("none.bin")).read();
        assertEquals(List.of(), kept.events());
        assertEquals(0, kept.unreadBytes());
    }

    @Test
    void aRecordCutShortByACrashEndsTheReadingAndIsCounted() throws Exception {
        Path file = dir.resolve("journal.bin");
        EventJournal journal = new EventJournal(file);
        journal.append(List.of(event("publish_started", 1)));
        long whole = Files.size(file);
        journal.append(List.of(event("publish_stopped", 2)));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));

        EventJournal.Kept kept = journal.read();

        assertEquals(List.of(event("publish_started", 1)), kept.events());
        assertEquals(bytes.length - 7 - whole, kept.unreadBytes());
    }

    @Test
    void somethingElseThanAnEventIsNotRead() throws Exception {
        Path file = dir.resolve("journal.bin");
        EventJournal journal = new EventJournal(file);
        journal.append(List.of(event("publish_started", 1)));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(body)) {
            out.writeObject(URI.create("http://127.0.0.1/")); // a class the journal does not accept
        }
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        new DataOutputStream(record).writeInt(body.size());
        body.writeTo(record);
        Files.write(file, record.toByteArray(), StandardOpenOption.APPEND);
        journal.append(List.of(event("publish_stopped", 2))); // after the foreign record: not trusted either

        EventJournal.Kept kept = journal.read();

        assertEquals(List.of(event("publish_started", 1)), kept.events());
        assertTrue(kept.unreadBytes() > record.size());
    }

    @Test
    void rewriteReplacesTheEventsAndNothingRemovesTheFile() throws Exception {
        Path file = dir.resolve("journal.bin");
        EventJournal journal = new EventJournal(file);
        journal.append(List.of(event("publish_started", 1)));
        journal.append(List.of(event("publish_stopped", 2)));

        journal.rewrite(List.of(event("publish_stopped", 2)));
        assertEquals(List.of(event("publish_stopped", 2)), journal.read().events());

        journal.rewrite(List.of());
        assertFalse(Files.exists(file));
        assertEquals(List.of(), journal.read().events());
    }
}
