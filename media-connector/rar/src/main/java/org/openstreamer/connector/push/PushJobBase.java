package org.openstreamer.connector.push;

import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.buffer.LiveStream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** What every kind of push has: its stream and settings, its reporter, and the {@code timeout} rule. */
abstract class PushJobBase implements PushJob {

    protected final String stream;
    protected final PushConfig config;
    protected final PushReporter report;
    private final boolean disabledByStream;
    private final AtomicBoolean queued = new AtomicBoolean();
    /** When the running push first saw the stream without its source; 0 while the source publishes. */
    private long sourceGoneSince;

    PushJobBase(String stream, PushConfig config, boolean disabledByStream, PushReporter report) {
        this.stream = stream;
        this.config = config;
        this.disabledByStream = disabledByStream;
        this.report = report;
    }

    @Override
    public PushConfig config() {
        return config;
    }

    @Override
    public boolean disabledByStream() {
        return disabledByStream;
    }

    @Override
    public AtomicBoolean queued() {
        return queued;
    }

    /** A new run of the push: the source's absence is counted from now on. */
    protected void watchSourceAfresh() {
        sourceGoneSince = 0;
    }

    /**
     * Called on each tick of a running push: true once the stream's source has been away for the
     * push's {@code timeout} (never without one), when the push should disconnect.
     */
    protected boolean sourceGoneTooLong(LiveStream hub, long now) {
        if (hub.isPublishing()) {
            sourceGoneSince = 0;
            return false;
        }
        if (sourceGoneSince == 0) {
            sourceGoneSince = now;
            return false;
        }
        return config.timeout() > 0 && now - sourceGoneSince >= TimeUnit.SECONDS.toNanos(config.timeout());
    }

    /** The {@code push_stopped} reason when {@link #sourceGoneTooLong} said so. */
    protected String sourceStoppedReason() {
        return "the stream's source stopped " + config.timeout() + " s ago";
    }
}
