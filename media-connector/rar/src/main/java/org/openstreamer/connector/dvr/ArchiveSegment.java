package org.openstreamer.connector.dvr;

import java.nio.file.Path;

/** An archived MPEG-TS segment file: its path, UTC start and duration in ms. */
public record ArchiveSegment(Path file, long startMillis, long durationMillis) {
}
