package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * What the recorder says of one stream.
 *
 * @param recording    the stream's DVR writes its segments now (configured, switched on, in its schedule)
 * @param error        why the last segment could not be written, or null while writing works
 * @param segments     segments written since the engine started
 * @param bytes        bytes written since the engine started
 * @param failed       segments that could not be written since the engine started
 */
public record DvrStatus(boolean recording, String error, long segments, long bytes, long failed) implements Serializable {

    public static final DvrStatus NONE = new DvrStatus(false, null, 0, 0, 0);
}
