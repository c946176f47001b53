package org.openstreamer.ejb.notify;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Appends each event as one line of JSON to a file ({@code log://} sinks). */
public final class LogFileDelivery implements Delivery {

    private final Path file;

    public LogFileDelivery(Path file) {
        this.file = file;
    }

    @Override
    public void deliver(List<JsonObject> batch) throws IOException {
        StringBuilder lines = new StringBuilder();
        batch.forEach(e -> lines.append(e).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, lines, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
