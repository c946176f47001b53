package org.openstreamer.connector.engine;

import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.buffer.DelayRecorder;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.ingest.srt.SrtServer;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The media engine's own state, independent of JCA: when it started, what FFmpeg offers, and the
 * pipelines it runs. The resource adapter owns one instance for its lifetime.
 */
public final class Engine {

    public static final String VERSION = readVersion();

    private final Instant startedAt = Instant.now();
    private volatile FfmpegStatus ffmpeg = FfmpegStatus.LOADING_NOW;
    private volatile boolean running = true;
    private volatile Map<String, StreamConfig> streams = Map.of();
    private final Map<String, LiveStream> live = new ConcurrentHashMap<>();
    /** The input each stream was last switched to; kept apart from the hubs, which come and go. */
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final DelayRecorder segmentDelays = new DelayRecorder();
    private final Consumer<MediaEvent> events;
    private final SrtServer srt;

    public Engine(Consumer<MediaEvent> events) {
        this.events = events;
        this.srt = new SrtServer(new SrtServer.Host() {
            @Override
            public StreamConfig config(String stream) {
                return streams.get(stream);
            }

            @Override
            public boolean isLive(String stream) {
                LiveStream l = live.get(stream);
                return l != null && l.isLive();
            }

            @Override
            public LiveStream liveStream(String name) {
                return Engine.this.liveStream(name);
            }

            @Override
            public void publish(MediaEvent event) {
                Engine.this.events.accept(event);
            }
        });
    }

    /** Starts SRT ingest and playback; false if libsrt is not available on this machine. */
    public boolean startSrt(SrtServer.Threads threads, Executor background) {
        boolean started = srt.start(threads, background);
        if (started) {
            srt.apply(streams.values(), settings);
        }
        return started;
    }

    public boolean srtAvailable() {
        return srt.isRunning();
    }
    private volatile ServerSettings settings = ServerSettings.NONE;

    public void ffmpegLoaded(FfmpegStatus status) {
        this.ffmpeg = status;
    }

    public FfmpegStatus ffmpeg() {
        return ffmpeg;
    }

    public void stop() {
        running = false;
        srt.stop();
        live.values().forEach(LiveStream::close);
        live.clear();
    }

    public boolean isRunning() {
        return running;
    }

    public EngineInfo info() {
        FfmpegStatus f = ffmpeg;
        return new EngineInfo(VERSION, startedAt, running, f.state() == FfmpegStatus.State.LOADED,
                f.version(), f.srtProtocol(), f.state() == FfmpegStatus.State.LOADING ? "loading" : f.error(),
                srt.isRunning(), segmentDelays.stats(), srt.rangeInfo());
    }

    public List<PipelineInfo> pipelines() {
        List<PipelineInfo> out = new ArrayList<>();
        live.forEach((name, l) -> out.add(l.pipelineInfo(sources.get(name))));
        return out;
    }

    public PipelineInfo pipeline(String name) {
        LiveStream l = live.get(name);
        return l == null ? null : l.pipelineInfo(sources.get(name));
    }

    /**
     * Starts the stream's live pipeline afresh: the publisher is dropped, the hub closed (its
     * viewers' live connections end, its segments go) and removed, so the next publisher gets a
     * new one. False when the stream is not configured.
     */
    public boolean restart(String name) {
        if (!streams.containsKey(name)) {
            return false;
        }
        srt.dropPublisher(name, "stream restarted");
        LiveStream old = live.remove(name);
        if (old != null) {
            old.close();
        }
        return true;
    }

    /** Records {@code url} as the stream's active input; false when the stream is not configured. */
    public boolean switchSource(String name, String url) {
        if (!streams.containsKey(name)) {
            return false;
        }
        sources.put(name, url);
        return true;
    }

    public void applyStreams(Collection<StreamConfig> configs) {
        Map<String, StreamConfig> next = new HashMap<>();
        configs.forEach(c -> next.put(c.name(), c));
        streams = Map.copyOf(next);
        sources.keySet().retainAll(next.keySet());
        srt.apply(streams.values(), settings);
        live.forEach((name, stream) -> {
            StreamConfig c = next.get(name);
            if (c == null || c.disabled()) {
                live.remove(name);
                stream.close();
            } else {
                stream.reconfigure(c.segmentDuration(), c.segmentCount());
            }
        });
    }

    /** The live hub of a configured stream, created on first use (a publisher connecting). */
    public LiveStream liveStream(String name) {
        StreamConfig c = streams.get(name);
        if (c == null || c.disabled()) {
            return null;
        }
        return live.computeIfAbsent(name, n -> new LiveStream(n, c.segmentDuration(), c.segmentCount(), segmentDelays));
    }

    /** The live hub if the stream has had a publisher, else null. */
    public LiveStream existingLiveStream(String name) {
        return live.get(name);
    }

    public void applySettings(ServerSettings settings) {
        this.settings = settings == null ? ServerSettings.NONE : settings;
        srt.apply(streams.values(), this.settings);
    }

    public Map<String, StreamConfig> streams() {
        return streams;
    }

    public ServerSettings settings() {
        return settings;
    }

    private static String readVersion() {
        try (InputStream in = Engine.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
