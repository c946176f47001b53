package org.openstreamer.connector.api;

import java.io.Serializable;
import java.util.Locale;

/**
 * One input of a stream as the engine tries it: the URL, its failover priority (lower first), and
 * how long it may bring no frames before the next input takes over.
 *
 * @param url           {@code publish://}, {@code udp://...}, {@code tshttp://...}, ...
 * @param priority      lower is tried first; inputs of equal priority keep their list order
 * @param sourceTimeout seconds without frames before the input counts as lost
 */
public record InputConfig(String url, int priority, int sourceTimeout) implements Serializable {

    public static final String PUBLISH = "publish://";

    /** Whether this input stands for the stream's publishers (they come in by themselves). */
    public boolean isPublish() {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith(PUBLISH);
    }
}
