package org.openstreamer.connector.ra;

import org.openstreamer.connector.api.Archive;
import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.Thumbnail;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.LivePlayback;
import org.openstreamer.connector.engine.Engine;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.connector.api.PlaylistSegment;
import org.openstreamer.connector.api.PlaylistType;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.Publishing;
import org.openstreamer.connector.api.StreamTemplateConfig;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.StreamConfig;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The handle an EJB holds: forwards to the engine while open, refuses use after close. */
public class MediaEngineHandle implements MediaEngine {

    private volatile MediaManagedConnection connection;

    MediaEngineHandle(MediaManagedConnection connection) {
        this.connection = connection;
    }

    void associate(MediaManagedConnection mc) {
        this.connection = mc;
    }

    void invalidate() {
        this.connection = null;
    }

    /** The engine, while this handle is open. */
    private Engine engine() {
        return open().factory().adapter().engine();
    }

    private MediaManagedConnection open() {
        MediaManagedConnection mc = connection;
        if (mc == null) {
            throw new IllegalStateException("this media engine handle is closed");
        }
        return mc;
    }

    @Override
    public EngineInfo info() {
        return engine().info();
    }

    @Override
    public List<PipelineInfo> pipelines() {
        return engine().pipelines();
    }

    @Override
    public long segments(String stream) {
        return engine().segments(stream);
    }

    @Override
    public List<SrtConnectionStats> srtConnections() {
        return engine().srtConnections();
    }

    @Override
    public PipelineInfo pipeline(String stream) {
        return engine().pipeline(stream);
    }

    @Override
    public boolean demand(String stream) {
        return engine().demand(stream);
    }

    @Override
    public boolean restart(String stream) {
        return engine().restart(stream);
    }

    @Override
    public boolean switchSource(String stream, String url) {
        return engine().switchSource(stream, url);
    }

    @Override
    public void applyStreams(Collection<StreamConfig> streams, Collection<PublishLocationConfig> locations,
                             Collection<StreamTemplateConfig> templates) {
        engine().applyStreams(streams, locations, templates);
    }

    @Override
    public Archive archive() {
        return engine().archive();
    }

    @Override
    public String hlsPlaylist(PlaylistType type, List<PlaylistSegment> segments, int targetSeconds) {
        return engine().hlsPlaylist(type, segments, targetSeconds);
    }

    @Override
    public DvrStatus dvrStatus(String stream) {
        return engine().dvrStatus(stream);
    }

    @Override
    public void applySettings(ServerSettings settings) {
        engine().applySettings(settings);
    }

    @Override
    public org.openstreamer.connector.api.Drm drm() {
        return engine().drm();
    }

    @Override
    public LivePlayback livePlayback() {
        return engine().livePlayback();
    }

    @Override
    public MediaInfo mediaInfo(String stream) {
        return engine().mediaInfo(stream);
    }

    @Override
    public Thumbnail thumbnail(String stream) {
        return engine().thumbnail(stream);
    }

    @Override
    public LiveTsReader openLiveTs(String stream) {
        return engine().openLiveTs(stream);
    }

    @Override
    public List<PushInfo> pushes(String stream) {
        return engine().pushes(stream);
    }

    @Override
    public Publishing openPublisher(String stream, String protocol, String peer, Map<String, String> params) {
        return engine().openPublisher(stream, protocol, peer, params);
    }

    @Override
    public void playAuthorizer(PlayAuthorizer authorizer) {
        engine().playAuthorizer(authorizer);
    }

    @Override
    public void close() {
        MediaManagedConnection mc = connection;
        if (mc != null) {
            connection = null;
            mc.handleClosed(this);
        }
    }
}
