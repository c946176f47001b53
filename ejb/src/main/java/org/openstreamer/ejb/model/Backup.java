package org.openstreamer.ejb.model;

/**
 * What viewers see while a stream has no source ({@code backup} in the API): a file of a VOD
 * location, played instead of the stream, never recorded.
 *
 * @param file path relative to a VOD location, e.g. {@code vod/blank.mp4}
 */
public record Backup(String file) {
}
