package org.openstreamer.ejb.dvr;

/** A continuous recorded period of a stream, Unix ms, end excluded. */
public record ArchiveRange(long fromMillis, long toMillis) {
}
