package org.openstreamer.connector.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One live stream as the engine runs it.
 *
 * @param stream        the stream name
 * @param state         {@code publishing} while a publisher is connected, {@code waiting} otherwise
 * @param startedAt     when the current publisher connected, or when the stream was created
 * @param clients       viewers attached right now (MPEG-TS over HTTP and SRT players)
 * @param inputBitrate  bits per second received from the publisher
 * @param errors        input errors since the publisher connected (continuity, lost sync, bad tables)
 * @param lastFrameAgeMs milliseconds since the last frame, or -1 before any
 * @param publisher     the publisher's address ({@code host:port}), or null
 * @param port          the local port it published to, or 0
 * @param bytesIn       bytes received since the pipeline started (all publishers; a restart starts again at 0)
 * @param bytesOut      bytes sent to viewers since the pipeline started (live readers and HLS segments)
 * @param source        the input the stream was last switched to ({@link MediaEngine#switchSource}), or null
 * @param outputBitrate bits per second sent to viewers over the last few seconds (HLS segments, live readers)
 * @param problem       why the stream cannot run as configured (state {@code error} when nothing else can feed
 *                      it), or null
 * @param inputs        each configured input and its state, in failover order (empty for a stream without pulled
 *                      inputs)
 * @param backup        whether the backup file feeds the stream now
 */
public record PipelineInfo(String stream, String state, Instant startedAt, int clients, long inputBitrate,
                           long errors, long lastFrameAgeMs, String publisher, int port, long bytesIn,
                           long bytesOut, String source, long outputBitrate, String problem,
                           java.util.List<InputInfo> inputs, boolean backup) implements Serializable {

    public PipelineInfo {
        inputs = inputs == null ? java.util.List.of() : java.util.List.copyOf(inputs);
    }

    /** Frames arrived less than this long ago: the stream is alive (the reference's stream_health rule). */
    public static final long ALIVE_MS = 1000;

    /** This pipeline with a problem: in state {@code error} unless a publisher feeds it anyway, or may. */
    public PipelineInfo withProblem(String why, boolean publishable) {
        String s = state.equals("waiting") && !publishable ? "error" : state;
        return new PipelineInfo(stream, s, startedAt, clients, inputBitrate, errors, lastFrameAgeMs, publisher, port,
                bytesIn, bytesOut, source, outputBitrate, why, inputs, backup);
    }

    /** This pipeline with its inputs' states, the active one and whether the backup plays. */
    public PipelineInfo withInputs(String active, java.util.List<InputInfo> states, boolean backupPlaying) {
        return new PipelineInfo(stream, state, startedAt, clients, inputBitrate, errors, lastFrameAgeMs, publisher, port,
                bytesIn, bytesOut, active == null ? source : active, outputBitrate, problem, states, backupPlaying);
    }

    /** Whether the last frame is under {@link #ALIVE_MS} old. */
    public boolean alive() {
        return lastFrameAgeMs >= 0 && lastFrameAgeMs < ALIVE_MS;
    }
}
