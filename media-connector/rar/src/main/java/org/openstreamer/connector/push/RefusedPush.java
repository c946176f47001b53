package org.openstreamer.connector.push;

import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.api.PushInfo;

/**
 * A push of a DRM-protected stream: a push sends the stream as it is, in the clear, so it does not
 * run; it waits with status error and says why once (docs/drm.md). It runs again when the stream's
 * protection ends or allows clear outputs.
 */
final class RefusedPush extends PushJobBase {

    RefusedPush(String stream, PushConfig config, boolean streamDisabled, PushReporter report) {
        super(stream, config, streamDisabled, report);
        report.refuse("stream " + stream + " is DRM-protected: the push to " + config.url()
                + " cannot carry the encryption (drm allow_clear=true allows it)");
    }

    @Override
    public void tick(long now) {
        // never connects
    }

    @Override
    public void close() {
        // holds nothing
    }

    @Override
    public PushInfo info() {
        return new PushInfo(config.url(), "error", 0, report.failures(), report.error(), report.errorAt(), null);
    }
}
