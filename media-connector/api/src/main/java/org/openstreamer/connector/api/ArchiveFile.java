package org.openstreamer.connector.api;

import java.io.Serializable;

/** An archived MPEG-TS segment file handed to the engine for export: its path, UTC start and duration (ms). */
public record ArchiveFile(String path, long startMillis, long durationMillis) implements Serializable {
}
