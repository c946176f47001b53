package org.openstreamer.connector.engine;

import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.buffer.LiveStream;

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
    private volatile ServerSettings settings = ServerSettings.NONE;

    public void ffmpegLoaded(FfmpegStatus status) {
        this.ffmpeg = status;
    }

    public FfmpegStatus ffmpeg() {
        return ffmpeg;
    }

    public void stop() {
        running = false;
        live.values().forEach(LiveStream::close);
        live.clear();
    }

    public boolean isRunning() {
        return running;
    }

    public EngineInfo info() {
        FfmpegStatus f = ffmpeg;
        return new EngineInfo(VERSION, startedAt, running, f.state() == FfmpegStatus.State.LOADED,
                f.version(), f.srtProtocol(), f.state() == FfmpegStatus.State.LOADING ? "loading" : f.error());
    }

    public List<PipelineInfo> pipelines() {
        List<PipelineInfo> out = new ArrayList<>();
        live.values().forEach(l -> out.add(l.pipelineInfo()));
        return out;
    }

    public void applyStreams(Collection<StreamConfig> configs) {
        Map<String, StreamConfig> next = new HashMap<>();
        configs.forEach(c -> next.put(c.name(), c));
        streams = Map.copyOf(next);
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
        return live.computeIfAbsent(name, n -> new LiveStream(n, c.segmentDuration(), c.segmentCount()));
    }

    /** The live hub if the stream has had a publisher, else null. */
    public LiveStream existingLiveStream(String name) {
        return live.get(name);
    }

    public void applySettings(ServerSettings settings) {
        this.settings = settings == null ? ServerSettings.NONE : settings;
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
