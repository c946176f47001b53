package org.openstreamer.ejb.model;

/**
 * Where and how long a stream is recorded ({@code dvr} in the API). Stored and validated; the
 * recorder acts on it.
 *
 * @param root         the folder the archive goes to ({@code /storage}, the stream's name appended)
 *                     or {@code @NAME} for a disk array
 * @param depth        seconds of archive kept, or null for no age limit
 * @param diskLimit    percentage of the disk the archive may fill before the oldest goes, or null
 * @param storageLimit bytes the archive of the stream may take, or null
 * @param schedule     UTC intervals to record in ({@code 8:00-16:00,22-1:30}), or null for always
 * @param offline      recording stays off until it is switched on through the API
 */
public record DvrConfig(String root, Long depth, Integer diskLimit, Long storageLimit, String schedule,
                        boolean offline) {

    /** Whether this configuration records as soon as the stream has media. */
    public boolean recordsNow() {
        return !offline;
    }
}
