package org.openstreamer.connector.push;

import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.api.PushInfo;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.packager.hls.HlsSegmenter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Every push of every stream, and the one thread that runs them all: it sends for pushes whose
 * stream has new packets (woken by the stream's readers), retries destinations that could not take
 * everything, and ticks each push's state machine ten times a second. All connections are
 * non-blocking, so a stalled destination delays nothing else; a push that falls too far behind
 * the stream is moved to its latest keyframe by the stream's reader, which never holds the
 * stream's memory for it.
 */
public final class Pushes implements Runnable {

    private static final Logger LOG = Logger.getLogger(Pushes.class.getName());
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How soon a destination that could not take everything is tried again. */
    private static final long BLOCKED_RETRY_MS = 5;

    private final Function<String, LiveStream> hubs;
    private final Function<String, HlsSegmenter> segmenters;
    private final Consumer<MediaEvent> events;
    private final Map<String, List<PushJob>> byStream = new ConcurrentHashMap<>();
    private final BlockingQueue<PushJob> ready = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    /** Streams whose pushes may not run (DRM-protected, docs/drm.md). */
    private volatile java.util.function.Predicate<String> refused = stream -> false;

    /**
     * @param hubs       the live hub of a stream if there is one (never creates it)
     * @param segmenters the HLS segmenter of a live stream, if there is one
     */
    public Pushes(Function<String, LiveStream> hubs, Function<String, HlsSegmenter> segmenters, Consumer<MediaEvent> events) {
        this.hubs = hubs;
        this.segmenters = segmenters;
        this.events = events;
    }

    /** Pushes of streams {@code refused} accepts wait with status error instead of running (from their next apply). */
    public void refuseWhen(java.util.function.Predicate<String> refused) {
        this.refused = refused;
    }

    /**
     * Sets the pushes of {@code stream}: those whose configuration is unchanged (same place in the
     * list, same settings) keep their connection; the others stop, and new ones start.
     */
    public synchronized void apply(String stream, List<PushConfig> configs, boolean streamDisabled) {
        List<PushJob> old = byStream.getOrDefault(stream, List.of());
        List<PushJob> next = new ArrayList<>(configs.size());
        boolean refuse = refused.test(stream);
        for (int i = 0; i < configs.size(); i++) {
            PushJob kept = i < old.size() ? old.get(i) : null;
            boolean same = kept != null && kept.config().equals(configs.get(i)) && kept.disabledByStream() == streamDisabled
                    && kept instanceof RefusedPush == refuse;
            next.add(same ? kept : create(stream, configs.get(i), streamDisabled));
        }
        Set<PushJob> keep = new HashSet<>(next);
        old.stream().filter(p -> !keep.contains(p)).forEach(PushJob::close);
        if (next.isEmpty()) {
            byStream.remove(stream);
        } else {
            byStream.put(stream, List.copyOf(next));
        }
    }

    /** HLS uploads listen to the stream's segmenter, RTMP pushes run a thread each; the others send the live MPEG-TS here. */
    private PushJob create(String stream, PushConfig config, boolean streamDisabled) {
        PushReporter report = new PushReporter(stream, config, events);
        if (!config.disabled() && !streamDisabled && refused.test(stream)) {
            return new RefusedPush(stream, config, streamDisabled, report);
        }
        String url = config.url().toLowerCase(java.util.Locale.ROOT);
        if (url.startsWith("hls://") || url.startsWith("hlss://")) {
            return new HlsUploader(stream, config, streamDisabled, segmenters, report);
        }
        if (url.startsWith("rtmp://") || url.startsWith("rtmps://")) {
            return new RtmpPusher(stream, config, streamDisabled, hubs, report);
        }
        return new Pusher(stream, config, streamDisabled, hubs, report, this::wake);
    }

    /** The streams that have pushes. */
    public synchronized Set<String> streams() {
        return Set.copyOf(byStream.keySet());
    }

    /** Stops the pushes of every stream not in {@code streams}. */
    public synchronized void retain(Set<String> streams) {
        new ArrayList<>(byStream.keySet()).stream().filter(s -> !streams.contains(s)).forEach(this::remove);
    }

    public synchronized void remove(String stream) {
        List<PushJob> gone = byStream.remove(stream);
        if (gone != null) {
            gone.forEach(PushJob::close);
        }
    }

    /** The pushes of {@code stream} in their configured order; empty without any. */
    public List<PushInfo> infos(String stream) {
        return byStream.getOrDefault(stream, List.of()).stream().map(PushJob::info).toList();
    }

    private void wake(PushJob p) {
        if (p.queued().compareAndSet(false, true)) {
            ready.offer(p);
        }
    }

    @Override
    public void run() {
        List<PushJob> blocked = new ArrayList<>();
        long nextTick = System.nanoTime();
        while (running) {
            try {
                PushJob p = ready.poll(blocked.isEmpty() ? 20 : BLOCKED_RETRY_MS, TimeUnit.MILLISECONDS);
                while (p != null) {
                    p.queued().set(false);
                    if (p.pump() && !blocked.contains(p)) {
                        blocked.add(p);
                    }
                    p = ready.poll();
                }
                blocked.removeIf(b -> !b.pump());
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    for (List<PushJob> list : byStream.values()) {
                        for (PushJob each : list) {
                            each.tick(now);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warning("push thread: " + e); // one push's bug must not stop the others
            }
        }
    }

    /** Ends the thread and every push. */
    public synchronized void stop() {
        running = false;
        new ArrayList<>(byStream.keySet()).forEach(this::remove);
    }
}
