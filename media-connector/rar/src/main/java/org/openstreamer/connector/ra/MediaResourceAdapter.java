package org.openstreamer.connector.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.engine.Engine;
import org.openstreamer.connector.engine.FfmpegProbe;
import org.openstreamer.connector.engine.FfmpegStatus;
import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ra.inflow.EventDispatcher;
import org.openstreamer.connector.ra.inflow.MediaActivationSpec;

import javax.transaction.xa.XAResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The resource adapter: owns the {@link Engine} and its threads for the lifetime of the deployment.
 * Threads come from the container's WorkManager; events go out through {@link EventDispatcher}.
 */
public class MediaResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(MediaResourceAdapter.class.getName());
    /** How long {@code stop()} waits for the engine's threads to end after telling them to. */
    private static final long STOP_WAIT_MILLIS = 10_000;

    private Integer eventQueueCapacity = 10_000;

    private volatile Engine engine;
    private volatile EventDispatcher events;
    private final WorkTracker works = new WorkTracker();

    @Override
    public void start(BootstrapContext ctx) throws ResourceAdapterInternalException {
        WorkManager workManager = ctx.getWorkManager();
        events = new EventDispatcher(eventQueueCapacity);
        engine = new Engine(events::publish, events::publishArchiveSegments);
        engine.drm().awaitHandOver(); // nothing is served in the clear before the EJB layer says what is protected
        try {
            workManager.scheduleWork(works.track("events", events), WorkManager.INDEFINITE, null, null);
            workManager.scheduleWork(works.track("ffmpeg-load", new LoadFfmpeg()));
        } catch (WorkException e) {
            throw new ResourceAdapterInternalException("cannot schedule the engine's work", e);
        }
        engine.startAuthorization(task -> schedule(workManager, "on-publish", task));
        engine.startDvr((name, task) -> schedule(workManager, name, task));
        engine.startSrt((name, task) -> schedule(workManager, name, task), task -> schedule(workManager, "srt-background", task));
        engine.startRtmp();
        LOG.info("Media engine " + Engine.VERSION + " started");
    }

    @Override
    public void stop() {
        if (events != null) {
            events.release();
        }
        if (engine != null) {
            engine.stop();
        }
        try {
            List<String> left = works.awaitIdle(STOP_WAIT_MILLIS);
            if (!left.isEmpty()) {
                LOG.warning("Engine threads still running " + STOP_WAIT_MILLIS + " ms after the stop: " + left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Last: every SRT socket is closed and no engine thread is in libsrt; undo this deployment's srt_startup.
        SrtNative.shutdown();
        LOG.info("Media engine stopped");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof MediaActivationSpec)) {
            throw new ResourceException("unsupported activation spec " + spec.getClass().getName());
        }
        events.activate((MediaActivationSpec) spec, factory);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        events.deactivate((MediaActivationSpec) spec);
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    private void schedule(WorkManager workManager, String name, Runnable task) {
        Work work = works.track(name, new LongRunning(name, task));
        try {
            workManager.scheduleWork(work, WorkManager.INDEFINITE, null, null);
        } catch (WorkException e) {
            works.done(name);
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** A named engine thread on the WorkManager; the task itself watches the engine's running flag. */
    private record LongRunning(String name, Runnable task) implements Work {
        @Override
        public void run() {
            Thread t = Thread.currentThread();
            String previous = t.getName();
            t.setName("openstreamer-" + name);
            try {
                task.run();
            } finally {
                t.setName(previous);
            }
        }

        @Override
        public void release() {
        }
    }

    Engine engine() {
        Engine e = engine;
        if (e == null || !e.isRunning()) {
            throw new IllegalStateException("the media engine is not running");
        }
        return e;
    }

    public Integer getEventQueueCapacity() {
        return eventQueueCapacity;
    }

    public void setEventQueueCapacity(Integer eventQueueCapacity) {
        this.eventQueueCapacity = eventQueueCapacity;
    }

    /** Loads FFmpeg off the deployment thread, then announces the engine with what it found. */
    private final class LoadFfmpeg implements Work {
        @Override
        public void run() {
            FfmpegStatus status = FfmpegProbe.load();
            engine.ffmpegLoaded(status);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("version", Engine.VERSION);
            if (status.state() == FfmpegStatus.State.LOADED) {
                data.put("ffmpeg", status.version());
                data.put("srt", status.srtProtocol());
                LOG.info("FFmpeg " + status.version() + " loaded, srt protocol " + (status.srtProtocol() ? "present" : "absent"));
            } else {
                data.put("ffmpeg_error", status.error());
                LOG.log(Level.SEVERE, "FFmpeg could not be loaded: " + status.error());
            }
            events.publish(MediaEvent.of(MediaEventType.ENGINE_STARTED, null, data));
        }

        @Override
        public void release() {
        }
    }

    // One adapter per deployment: identity equality is what the container expects.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
