package org.openstreamer.connector.engine;

import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.StreamConfig;

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
    private final Map<String, PipelineInfo> pipelines = new ConcurrentHashMap<>();
    private volatile FfmpegStatus ffmpeg = FfmpegStatus.LOADING_NOW;
    private volatile boolean running = true;
    private volatile Map<String, StreamConfig> streams = Map.of();
    private volatile ServerSettings settings = ServerSettings.NONE;

    public void ffmpegLoaded(FfmpegStatus status) {
        this.ffmpeg = status;
    }

    public FfmpegStatus ffmpeg() {
        return ffmpeg;
    }

    public void stop() {
        running = false;
        pipelines.clear();
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
        return new ArrayList<>(pipelines.values());
    }

    public void applyStreams(Collection<StreamConfig> configs) {
        Map<String, StreamConfig> next = new HashMap<>();
        configs.forEach(c -> next.put(c.name(), c));
        streams = Map.copyOf(next);
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
