package org.openstreamer.ejb.dvr;

/** A range retention must not delete: Unix seconds and a duration in seconds. */
public record ArchiveLock(long from, long duration) {

    public long fromMillis() {
        return from * 1000;
    }

    public long toMillis() {
        return (from + duration) * 1000;
    }
}
