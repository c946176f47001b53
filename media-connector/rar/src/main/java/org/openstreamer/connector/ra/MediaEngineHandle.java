package org.openstreamer.connector.ra;

import org.openstreamer.connector.api.ArchiveFile;
import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.Mp4Export;
import org.openstreamer.connector.dvr.ArchiveSegment;
import org.openstreamer.connector.api.EngineInfo;
import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.LivePlayback;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.engine.Engine;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.StreamTemplateConfig;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.StreamConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

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

    private MediaManagedConnection open() {
        MediaManagedConnection mc = connection;
        if (mc == null) {
            throw new IllegalStateException("this media engine handle is closed");
        }
        return mc;
    }

    @Override
    public EngineInfo info() {
        return open().factory().adapter().engine().info();
    }

    @Override
    public List<PipelineInfo> pipelines() {
        return open().factory().adapter().engine().pipelines();
    }

    @Override
    public PipelineInfo pipeline(String stream) {
        return open().factory().adapter().engine().pipeline(stream);
    }

    @Override
    public boolean restart(String stream) {
        return open().factory().adapter().engine().restart(stream);
    }

    @Override
    public boolean switchSource(String stream, String url) {
        return open().factory().adapter().engine().switchSource(stream, url);
    }

    @Override
    public void applyStreams(Collection<StreamConfig> streams, Collection<PublishLocationConfig> locations,
                             Collection<StreamTemplateConfig> templates) {
        open().factory().adapter().engine().applyStreams(streams, locations, templates);
    }

    @Override
    public Mp4Export exportMp4(List<ArchiveFile> segments, long fromMillis, long toMillis, boolean precise, String outPath)
            throws IOException {
        open();
        List<ArchiveSegment> files = segments.stream()
                .map(f -> new ArchiveSegment(Path.of(f.path()), f.startMillis(), f.durationMillis())).toList();
        org.openstreamer.connector.dvr.Mp4Export.Result r =
                org.openstreamer.connector.dvr.Mp4Export.export(files, fromMillis, toMillis, precise, Path.of(outPath));
        return new Mp4Export(r.bytes(), r.durationMillis());
    }

    @Override
    public DvrStatus dvrStatus(String stream) {
        return open().factory().adapter().engine().dvrStatus(stream);
    }

    @Override
    public void applySettings(ServerSettings settings) {
        open().factory().adapter().engine().applySettings(settings);
    }

    @Override
    public LivePlayback livePlayback() {
        return open().factory().adapter().engine().livePlayback();
    }

    @Override
    public MediaInfo mediaInfo(String stream) {
        LiveStream live = open().factory().adapter().engine().existingLiveStream(stream);
        return live == null || live.tracks().isEmpty() ? null : live.mediaInfo();
    }

    @Override
    public LiveTsReader openLiveTs(String stream) {
        LiveStream live = open().factory().adapter().engine().existingLiveStream(stream);
        return live == null ? null : live.openReader();
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
