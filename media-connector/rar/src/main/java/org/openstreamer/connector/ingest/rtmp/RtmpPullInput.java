package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.TsInput;
import org.openstreamer.connector.mux.ts.MuxInputException;
import org.openstreamer.connector.mux.ts.MuxTrack;
import org.openstreamer.connector.mux.ts.TsMuxer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * {@code rtmp://HOST[:PORT]/APP/NAME} as a pulled input: {@link RtmpClient#play}s the stream and
 * turns its FLV tags into access units with {@link FlvAccessUnits}, as the RTMP server does for
 * publishers; they are muxed to MPEG-TS here, so the puller feeds this input like any other.
 * Without {@code onMetaData}, video and audio are both expected: a source without audio starts
 * {@link FlvAccessUnits#WAIT_FOR_HEADERS_MS} later.
 * The stream's silence for longer than its {@code source_timeout} ends the connection.
 */
public final class RtmpPullInput implements TsInput {

    private static final Logger LOG = Logger.getLogger(RtmpPullInput.class.getName());

    private final RtmpClient client;
    private final String url;
    private final FlvAccessUnits media;
    private TsMuxer muxer;
    /** Muxed TS not yet handed on. */
    private byte[] out = new byte[64 * 1024];
    private int outStart;
    private int outEnd;
    private boolean warnedMux;
    /** Whether the server sent {@code onMetaData} before the first audio or video message. */
    private boolean metadataSeen;

    private RtmpPullInput(RtmpClient client, String url) {
        this.client = client;
        this.url = url;
        this.media = new FlvAccessUnits(new AccessUnitTarget() {
            @Override
            public void declareTracks(List<MuxTrack> tracks) {
                try {
                    muxer = new TsMuxer(tracks, RtmpPullInput.this::append);
                } catch (IllegalArgumentException e) {
                    warnOnce(e);
                }
            }

            @Override
            public void sequenceHeader(int track, byte[] config) {
                if (muxer == null) {
                    return;
                }
                try {
                    muxer.sequenceHeader(track, config);
                } catch (IllegalArgumentException e) {
                    warnOnce(e);
                }
            }

            @Override
            public void accessUnit(int track, long pts, long dts, boolean keyframe, byte[] buf, int off, int len) {
                if (muxer == null) {
                    return;
                }
                try {
                    muxer.accessUnit(track, pts, dts, keyframe, buf, off, len);
                } catch (MuxInputException e) {
                    warnOnce(e);
                }
            }
        }, warning -> LOG.warning("RTMP source " + url + ": " + warning));
    }

    public static RtmpPullInput open(PullUrl url) throws IOException {
        RtmpClient.Target target;
        try {
            target = RtmpClient.Target.parse(url.url().trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        long silence = Long.parseLong(url.option("source_timeout", "60")) * 1000L;
        boolean verify = !"false".equalsIgnoreCase(url.option("tls_verify", "true"));
        return new RtmpPullInput(RtmpClient.play(target, PullClients.POLL_MILLIS, silence, verify), url.url());
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        while (outEnd == outStart) {
            outStart = 0;
            outEnd = 0;
            RtmpMessage m = client.nextMedia();
            if (!metadataSeen && m.type != RtmpMessage.DATA_AMF0) {
                // servers that send no metadata (ours among them) send the video header first: wait a
                // little for an audio one too, rather than setting the tracks without it
                metadataSeen = true;
                media.metadata(Map.of("videocodecid", 7.0, "audiocodecid", 10.0));
            }
            switch (m.type) {
                case RtmpMessage.VIDEO -> media.video(m.timestamp, m.payload, 0, m.length);
                case RtmpMessage.AUDIO -> media.audio(m.timestamp, m.payload, 0, m.length);
                default -> metadata(m);
            }
            if (outEnd == 0) {
                return 0; // nothing muxed yet (headers, metadata): the puller checks its timeouts meanwhile
            }
        }
        int n = Math.min(len, outEnd - outStart);
        System.arraycopy(out, outStart, buf, off, n);
        outStart += n;
        return n;
    }

    /** {@code onMetaData} (or {@code @setDataFrame onMetaData}): which tracks to wait for. */
    private void metadata(RtmpMessage m) {
        List<Object> values;
        try {
            values = Amf0.readAll(m.payload, 0, m.length);
        } catch (RuntimeException malformed) {
            return;
        }
        if (!values.contains("onMetaData")) {
            return;
        }
        for (Object v : values) {
            if (v instanceof Map<?, ?> properties) {
                if (!metadataSeen) {
                    metadataSeen = true;
                    media.metadata(properties);
                }
                return;
            }
        }
    }

    private void append(byte[] buf, int off, int len) {
        if (outEnd + len > out.length) {
            out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, outEnd + len));
        }
        System.arraycopy(buf, off, out, outEnd, len);
        outEnd += len;
    }

    private void warnOnce(IllegalArgumentException e) {
        if (!warnedMux) {
            warnedMux = true;
            LOG.warning("RTMP source " + url + ": media refused (further ones not logged): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
