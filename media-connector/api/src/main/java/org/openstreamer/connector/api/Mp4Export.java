package org.openstreamer.connector.api;

import java.io.Serializable;

/** What an MP4 export wrote: its size and the duration it plays for. */
public record Mp4Export(long bytes, long durationMillis) implements Serializable {
}
