package org.openstreamer.connector.ingest.failover;

import org.openstreamer.connector.api.InputConfig;
import org.openstreamer.connector.ingest.pull.PullUrl;

/** One input and what became of it. */
final class FailoverInput {
    final InputConfig config;
    final PullUrl url;
    /** The URL for events, logs and figures: without the password of its user info. */
    final String display;
    final int rank;
    volatile String state = "standby";
    volatile String lastError;

    FailoverInput(InputConfig config, PullUrl url, int rank, String error) {
        this.config = config;
        this.url = url;
        this.display = PullUrl.masked(config.url());
        this.rank = rank;
        this.lastError = error;
        if (config.isPublish()) {
            state = "publish";
        } else if (error != null) {
            state = "failed";
        }
    }

    boolean pullable() {
        return url != null;
    }
}
