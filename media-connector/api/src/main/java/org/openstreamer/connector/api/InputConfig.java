package org.openstreamer.connector.api;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * One input of a stream as the engine tries it: the URL, its failover priority (lower first), and
 * how long it may bring no frames before the next input takes over.
 *
 * @param url           {@code publish://}, {@code udp://...}, {@code tshttp://...}, ...
 * @param priority      lower is tried first; inputs of equal priority keep their list order
 * @param sourceTimeout seconds without frames before the input counts as lost
 * @param options       the input's own options, flat ({@code user_agent}, {@code header.NAME}, ...; never null)
 */
public record InputConfig(String url, int priority, int sourceTimeout, Map<String, String> options)
        implements Serializable {

    public InputConfig {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** An input without options of its own. */
    public InputConfig(String url, int priority, int sourceTimeout) {
        this(url, priority, sourceTimeout, Map.of());
    }

    public static final String PUBLISH = "publish://";

    /** Whether this input stands for the stream's publishers (they come in by themselves). */
    public boolean isPublish() {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith(PUBLISH);
    }
}
