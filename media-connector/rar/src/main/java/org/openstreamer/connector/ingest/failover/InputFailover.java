package org.openstreamer.connector.ingest.failover;

import org.openstreamer.connector.api.InputConfig;
import org.openstreamer.connector.api.InputInfo;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.Source;
import org.openstreamer.connector.ingest.backup.BackupFilePlayer;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A stream's inputs tried in priority order, on one thread that alone feeds the stream (through
 * its {@link StreamFeed}):
 * <ul>
 * <li>an input is connected, and takes the stream with its first bytes; when it fails, ends, or
 *     brings no frames for its {@code source_timeout}, the next one is tried (a full pass without
 *     success waits {@link #backoffMillis}, 0.5 s growing to 5 s, then starts again from
 *     the first);</li>
 * <li>while a lower input is active, a probe thread connects to the better ones every
 *     {@link #PROBE_EVERY_MILLIS}; one that brings data is handed, connected, to the feeding
 *     thread, which switches to it between two reads (the hub stays: viewers see a discontinuity,
 *     not a gap);</li>
 * <li>{@code publish://} stands for the stream's publishers: a publisher is let in when it ranks
 *     above the active input or the backup, and an input above it that comes back takes over;</li>
 * <li>while nothing brings frames the backup file plays, if there is one; a publisher that stays
 *     connected without frames for {@code publish://}'s {@code source_timeout} stands by meanwhile
 *     and takes the stream back with its first frame;</li>
 * <li>{@code retry_limit} (0: for ever, as for static streams) failed attempts in a row end it.</li>
 * </ul>
 */
public final class InputFailover implements Runnable {

    private static final Logger LOG = Logger.getLogger(InputFailover.class.getName());
    public static final long PROBE_EVERY_MILLIS = 3000;
    /** How long a probe waits for the first bytes of a better input. */
    public static final long PROBE_WAIT_MILLIS = 2000;
    private static final int CHUNK = 64 * 1024;

    /** What the failover needs of the engine. */
    public interface Host {
        /** A publisher (not this failover) feeds the stream now. */
        boolean publisherFeeds();

        /** Asks the stream's publisher to go (an input above it is back). */
        void disconnectPublisher(String reason);

        /** Milliseconds since the publisher that feeds the stream brought a frame, -1 without one. */
        long publisherFrameAgeMillis();

        /**
         * Puts the publisher that feeds the stream aside, connected, until {@code waker} gives it
         * the stream back; its peer, or null if there is none to put aside.
         */
        String standByPublisher(IngestSession.Waker waker);

        /** {@code session}, standing by, feeds the stream again; false if another session has it. */
        boolean resumePublisher(IngestSession session);
    }

    /** A better input's connection, opened by the probe, for the feeding thread to take. */
    private record Handoff(int index, TsInput input) {
    }

    /** Why an attempt ended and what comes next. */
    private record Outcome(boolean delivered, Handoff next, boolean switched) {
    }

    private final String stream;
    private final List<FailoverInput> inputs;
    private final int publishRank;
    /** How long a publisher may send no frames before the backup plays in its stead. */
    private final long publishTimeoutMillis;
    private final Function<PullUrl.Scheme, TsInput.Opener> openers;
    private final StreamFeed feed;
    private final BackupFilePlayer backup;
    private final Host host;
    private final int retryLimit;
    private final Consumer<MediaEvent> events;
    private final Consumer<String> gaveUp;
    private final InputProbe probe;
    private final AtomicReference<Handoff> handoff = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile Thread prober;
    /** The input feeding the stream, -1 while none does. */
    private volatile int active = -1;
    /** The input switch_source asked for, -1 if none pending. */
    private volatile int requested = -1;
    /** switch_source chose the active input: the probe leaves it alone until it fails. */
    private volatile boolean pinned;
    /** The engine ended the session (a restart): start again from the best input. */
    private volatile boolean restarted;
    /** The last input that fed the stream, for source_switch's "from". */
    private int lastFed = -1;

    /**
     * @param inputs     every input, {@code publish://} included (sorted here by priority, ties in list order)
     * @param openers    the client of each scheme
     * @param backup     the backup player, or null
     * @param retryLimit failed attempts in a row before giving up, 0 for never
     * @param gaveUp     told the reason when it gives up
     */
    public InputFailover(String stream, List<InputConfig> inputs, Function<PullUrl.Scheme, TsInput.Opener> openers,
                         StreamFeed feed, BackupFilePlayer backup, Host host, int retryLimit,
                         Consumer<MediaEvent> events, Consumer<String> gaveUp) {
        this.stream = stream;
        List<FailoverInput> list = new ArrayList<>();
        int publish = Integer.MAX_VALUE;
        List<InputConfig> ordered = inputs.stream().sorted(java.util.Comparator.comparingInt(InputConfig::priority)).toList();
        for (int i = 0; i < ordered.size(); i++) {
            InputConfig c = ordered.get(i);
            PullUrl url = null;
            String error = null;
            if (c.isPublish()) {
                publish = Math.min(publish, i);
            } else {
                try {
                    Map<String, String> options = new java.util.HashMap<>(c.options());
                    options.put("source_timeout", Integer.toString(c.sourceTimeout())); // HLS: a playlist stalled this long is lost
                    url = PullUrl.parse(c.url(), options);
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
            }
            list.add(new FailoverInput(c, url, i, error));
        }
        this.inputs = List.copyOf(list);
        this.publishRank = publish;
        this.publishTimeoutMillis = 1000L * (publish < ordered.size() ? ordered.get(publish).sourceTimeout()
                : org.openstreamer.connector.api.StreamConfig.DEFAULT_SOURCE_TIMEOUT);
        this.openers = openers;
        this.probe = new InputProbe(openers, () -> running);
        this.feed = feed;
        this.backup = backup;
        this.host = host;
        this.retryLimit = retryLimit;
        this.events = events;
        this.gaveUp = gaveUp;
    }

    /** Whether there is anything for it to pull. */
    public boolean hasPulledInputs() {
        return inputs.stream().anyMatch(FailoverInput::pullable);
    }

    /** Ends the feeding and probe threads soon; the session closes with "source stopped". */
    public void stop() {
        running = false;
        interrupt(thread);
        interrupt(prober);
        Handoff h = handoff.getAndSet(null);
        if (h != null) {
            InputProbe.closeQuietly(h.input());
        }
        if (backup != null) {
            backup.stop();
        }
    }

    private static void interrupt(Thread t) {
        if (t != null) {
            t.interrupt();
        }
    }

    /** Asks to make {@code url} the active input; false if it is none of the stream's pulled inputs. */
    public boolean switchTo(String url) {
        for (FailoverInput in : inputs) {
            if (in.config.url().equals(url) && in.pullable()) {
                requested = in.rank; // seen between two reads, or within a backoff pause
                return true;
            }
        }
        return false;
    }

    /**
     * A publisher arrives: whether it may have the stream now. When it ranks above what feeds the
     * stream (an input, the backup, or nothing), the feed is given up for it.
     */
    public boolean admitPublisher() {
        if (feed.held() && publisherMayTakeOver()) {
            feed.releaseAny(feed.backupPlaying() ? "a publisher arrived" : "switched to a publisher");
            return true;
        }
        return !feed.held();
    }

    /** Whether a publisher would be let in now: nothing feeds, or the backup, or an input below {@code publish://}. */
    public boolean publisherMayTakeOver() {
        int a = active;
        return !feed.held() || feed.backupPlaying() || a < 0 || publishRank < a;
    }

    /** The input feeding the stream, or null. */
    public String activeUrl() {
        int a = active;
        return a < 0 ? null : inputs.get(a).config.url();
    }

    public List<InputInfo> states() {
        return inputs.stream().map(i -> new InputInfo(i.display, i.config.priority(), i.state, i.lastError)).toList();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        Thread p = new Thread(this::probeLoop, "openstreamer-probe-" + stream);
        p.setDaemon(true);
        prober = p;
        p.start();
        byte[] buf = new byte[CHUNK];
        int failed = 0;
        int passFailures = 0;
        String lastReason = null;
        try {
            List<Integer> pass = passFrom(0);
            Handoff next = null;
            while (running) {
                if (host.publisherFeeds()) {
                    next = waitWhilePublisher();
                    pass = passFrom(0);
                    continue;
                }
                int want = requested;
                if (want >= 0) {
                    requested = -1;
                    pinned = true;
                    pass = passFrom(want);
                }
                if (next == null && pass.isEmpty()) {
                    if (retryLimit > 0 && failed >= retryLimit) {
                        giveUp(failed, lastReason);
                        return;
                    }
                    playBackup("no input brings frames");
                    pause(backoffMillis(passFailures++));
                    pass = passFrom(0);
                    continue;
                }
                int index = next != null ? next.index() : pass.remove(0);
                Outcome o = attempt(index, next == null ? null : next.input(), buf);
                next = o.next();
                if (o.delivered()) {
                    failed = 0;
                    passFailures = 0;
                } else if (!o.switched()) {
                    failed++;
                    lastReason = inputs.get(index).lastError;
                }
                if (o.delivered() && next == null && !o.switched()) {
                    pass = passFrom(index + 1); // lost: the next ones, then the better ones again
                }
                if (o.switched()) {
                    pass = new ArrayList<>();
                }
                if (restarted) {
                    restarted = false;
                    pass = passFrom(0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.severe("Inputs of " + stream + " stopped: " + e);
        } finally {
            feed.release(this, "source stopped", false);
            active = -1;
            interrupt(prober);
            thread = null;
        }
    }

    /** The wait after {@code failures + 1} fruitless passes: 0.5 s, 1 s, 2 s, 4 s, then 5 s. */
    static long backoffMillis(int failures) {
        return Math.min(5000, 500L << Math.min(failures, 10));
    }

    /** Waits {@code millis}, less if the failover stops or switch_source asks for an input. */
    private void pause(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (running && requested < 0 && System.currentTimeMillis() < end) {
            Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
        }
    }

    /** The pulled inputs from {@code first} to the last, then the ones before it. */
    private List<Integer> passFrom(int first) {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            int i = (first + k) % inputs.size();
            if (inputs.get(i).pullable()) {
                order.add(i);
            }
        }
        return order;
    }

    private void giveUp(int failed, String reason) {
        String why = "gave up after " + failed + " failed attempts (retry_limit)" + (reason == null ? "" : ": " + reason);
        LOG.warning("Stream " + stream + ": " + why);
        gaveUp.accept(why);
    }

    private void playBackup(String why) {
        if (backup != null && !feed.held() && !host.publisherFeeds()) {
            backup.play(why);
        }
    }

    /**
     * While a publisher feeds: an input above it that the probe found back, to take over with; null
     * when the publisher left, or sends no frames and stands by (the backup plays, the other
     * inputs are tried).
     */
    private Handoff waitWhilePublisher() throws InterruptedException {
        active = -1;
        while (running && host.publisherFeeds()) {
            if (backup != null && host.publisherFrameAgeMillis() > publishTimeoutMillis && standBy()) {
                return null;
            }
            Handoff h = handoff.getAndSet(null);
            if (h != null) {
                if (h.index() < publishRank) {
                    host.disconnectPublisher("input " + inputs.get(h.index()).display + " is back");
                    long deadline = System.currentTimeMillis() + 3000;
                    while (host.publisherFeeds() && System.currentTimeMillis() < deadline) {
                        Thread.sleep(20);
                    }
                    return h;
                }
                InputProbe.closeQuietly(h.input());
            }
            Thread.sleep(100);
        }
        return null;
    }

    /** The silent publisher stands by: {@code source_lost}, and the backup plays. */
    private boolean standBy() {
        String peer = host.standByPublisher(this::publisherBack);
        if (peer == null) {
            return false;
        }
        String reason = "no frames for " + publishTimeoutMillis / 1000 + " s (the publisher stays connected)";
        LOG.warning("Publisher " + peer + " of " + stream + ": " + reason);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("peer", peer);
        data.put("reason", reason);
        events.accept(MediaEvent.of(MediaEventType.SOURCE_LOST, stream, data));
        backup.play("the publisher sends no frames");
        return true;
    }

    /**
     * A publisher standing by sends frames again (on its thread): it has the stream back when
     * {@code publish://} ranks above what feeds it (the backup, a lower input, nothing); below an
     * input that feeds it, it is asked to go, as a second publisher would be refused.
     */
    private boolean publisherBack(IngestSession session) {
        if (feed.handBack(this::publisherMayTakeOver, "the publisher sends frames again",
                () -> host.resumePublisher(session))) {
            return true;
        }
        String a = activeUrl();
        session.source().disconnect("input " + (a == null ? "" : PullUrl.masked(a)) + " feeds the stream");
        return false;
    }

    /** One connection to input {@code index}, from opening to its end. */
    private Outcome attempt(int index, TsInput given, byte[] buf) {
        FailoverInput in = inputs.get(index);
        in.state = "connecting";
        long timeout = in.config.sourceTimeout() * 1000L;
        Source source = new InputSource(in.url, in.display);
        boolean mine = false;
        boolean delivered = false;
        boolean broke = true;
        Handoff next = null;
        boolean switched = false;
        String reason;
        TsInput input = given;
        try {
            if (input == null) {
                input = openers.apply(in.url.scheme()).open(in.url);
            }
            long since = System.currentTimeMillis();
            while (true) {
                if (!running) {
                    reason = "source stopped";
                    broke = false;
                    break;
                }
                int want = requested;
                if (want == index && mine) {
                    requested = -1;
                    pinned = true;
                } else if (want >= 0 && want != index) {
                    reason = "switched to " + inputs.get(want).display + " by request";
                    broke = false;
                    switched = true;
                    break;
                }
                Handoff h = handoff.getAndSet(null);
                if (h != null) {
                    if (h.index() < index && !pinned) {
                        next = h;
                        reason = "input " + inputs.get(h.index()).display + " is back";
                        broke = false;
                        break;
                    }
                    InputProbe.closeQuietly(h.input());
                }
                if (mine && !feed.holds(this)) {
                    reason = "a publisher took over";
                    broke = false;
                    break;
                }
                int n = input.read(buf, 0, buf.length);
                if (n < 0) {
                    reason = "the source ended the stream";
                    break;
                }
                if (n > 0 && !mine) {
                    if (host.publisherFeeds()) {
                        reason = "the stream has a publisher";
                        broke = false;
                        break;
                    }
                    mine = feed.take(this, source, false, "switched to " + in.display);
                    if (!mine) {
                        reason = "the stream has another publisher, or is going";
                        break;
                    }
                    became(index);
                }
                if (!mine) {
                    if (System.currentTimeMillis() - since > timeout) {
                        reason = "no data for " + timeout / 1000 + " s";
                        break;
                    }
                    if (System.currentTimeMillis() - since > 1000) {
                        playBackup("waiting for " + in.display);
                    }
                    continue;
                }
                if (n > 0 && !feed.feed(this, buf, 0, n)) {
                    continue; // taken over: seen at the top
                }
                feed.check(this);
                long age = feed.frameAgeMillis(this);
                if (age >= 0 && age < 1000) {
                    delivered = true;
                    in.lastError = null;
                } else if (age > timeout) {
                    reason = "no frames for " + timeout / 1000 + " s";
                    break;
                }
            }
        } catch (IOException e) {
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            InputProbe.closeQuietly(input);
        }
        ended(index, reason, broke, mine, next != null);
        return new Outcome(delivered, next, switched);
    }

    /** FailoverInput {@code index} feeds the stream now. */
    private void became(int index) {
        FailoverInput in = inputs.get(index);
        in.state = "active";
        in.lastError = null;
        if (lastFed >= 0 && lastFed != index) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", inputs.get(lastFed).display);
            data.put("to", in.display);
            LOG.info("Stream " + stream + ": switched from " + inputs.get(lastFed).display + " to " + in.display);
            events.accept(MediaEvent.of(MediaEventType.SOURCE_SWITCH, stream, data));
        }
        lastFed = index;
        active = index;
    }

    /** The attempt on {@code index} is over; {@code keep}: the next input takes the session over, without a close first. */
    private void ended(int index, String reason, boolean broke, boolean mine, boolean keep) {
        FailoverInput in = inputs.get(index);
        if (!running) {
            broke = false;
            reason = "source stopped";
        }
        if (active == index || broke) {
            pinned = false;
        }
        if (active == index) {
            active = -1;
        }
        in.state = broke ? "failed" : "standby";
        if (broke) {
            boolean repeat = reason.equals(in.lastError);
            in.lastError = reason;
            if (!mine && !repeat) {
                LOG.warning("FailoverInput " + in.display + " of " + stream + ": " + reason);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("peer", in.display);
                data.put("reason", reason);
                events.accept(MediaEvent.of(MediaEventType.SOURCE_LOST, stream, data));
            }
        }
        if (mine && !keep) {
            feed.release(this, reason, broke);
        }
    }

    /** Every {@link #PROBE_EVERY_MILLIS}: the inputs above the active one (or the publisher), best first. */
    private void probeLoop() {
        try {
            while (running) {
                Thread.sleep(PROBE_EVERY_MILLIS);
                int a = active >= 0 ? active : host.publisherFeeds() ? publishRank : -1;
                if (a <= 0 || a >= inputs.size() || pinned || handoff.get() != null) {
                    continue;
                }
                for (int j = 0; j < a && running; j++) {
                    FailoverInput in = inputs.get(j);
                    if (!in.pullable() || in.config.priority() == inputs.get(a).config.priority()) {
                        continue; // the same priority is not taken back
                    }
                    TsInput found = probe.connect(in);
                    if (found != null) {
                        Handoff old = handoff.getAndSet(new Handoff(j, found));
                        if (old != null) {
                            InputProbe.closeQuietly(old.input());
                        }
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One input as the session sees it: its URL as peer. */
    private final class InputSource implements Source {
        private final PullUrl url;
        private final String configured;

        InputSource(PullUrl url, String configured) {
            this.url = url;
            this.configured = configured;
        }

        @Override
        public String protocol() {
            return url.scheme().name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String peer() {
            return configured;
        }

        @Override
        public int port() {
            return url.scheme() == PullUrl.Scheme.UDP ? url.port() : 0;
        }

        /** A restart or a removal: the session goes, the feeding thread connects again. */
        @Override
        public void disconnect(String reason) {
            restarted = true;
            feed.releaseAny(reason);
        }

        @Override
        public Map<String, ?> stopStats() {
            return Map.of("url", configured);
        }
    }
}
