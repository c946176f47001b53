package org.openstreamer.connector.ingest.failover;

import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Whether a better input is back: a connection of its own, which must bring data within
 * {@link InputFailover#PROBE_WAIT_MILLIS}. One that does is kept open, for the feeding thread to
 * switch to without a gap; the input's state and last error say what the probe found.
 */
final class InputProbe {

    private final Function<PullUrl.Scheme, TsInput.Opener> openers;
    private final BooleanSupplier running;
    /** Read into by the probe thread only. */
    private final byte[] buf = new byte[64 * 1024];

    InputProbe(Function<PullUrl.Scheme, TsInput.Opener> openers, BooleanSupplier running) {
        this.openers = openers;
        this.running = running;
    }

    /** A connection to {@code in} that brought data in time, or null (its state is then {@code failed}). */
    TsInput connect(FailoverInput in) {
        TsInput input = null;
        try {
            input = openers.apply(in.url.scheme()).open(in.url);
            long deadline = System.currentTimeMillis() + InputFailover.PROBE_WAIT_MILLIS;
            while (running.getAsBoolean() && System.currentTimeMillis() < deadline) {
                int n = input.read(buf, 0, buf.length);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    in.lastError = null;
                    in.state = "standby";
                    return input;
                }
            }
            in.lastError = "no data for " + InputFailover.PROBE_WAIT_MILLIS / 1000 + " s while probed";
        } catch (IOException e) {
            in.lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        in.state = "failed";
        closeQuietly(input);
        return null;
    }

    static void closeQuietly(TsInput input) {
        if (input != null) {
            try {
                input.close();
            } catch (IOException ignored) {
                // closing a connection we give up on
            }
        }
    }
}
