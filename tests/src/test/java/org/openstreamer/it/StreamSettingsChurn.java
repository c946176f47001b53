package org.openstreamer.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An API client of the soak test, on its own thread: every {@link #PERIOD_MS} ms it puts one of its
 * streams again with a new title, {@code meta}, {@code max_sessions} and DVR depth, reads it back
 * (the values must be the ones written), lists the streams, and creates and deletes its scratch
 * stream. Every request must answer 2xx; each that does not, or fails, is counted with its reason.
 * Each client owns its streams, so two clients never race on one.
 */
final class StreamSettingsChurn {

    static final long PERIOD_MS = 2_000;
    /** The DVR depths the client alternates between, seconds: short, so retention deletes during the soak. */
    static final int[] DEPTHS = {30, 40};
    private static final int MAX_FAILURES_KEPT = 10;
    private static final String LIST = "/streamer/api/v3/streams";

    private final Map<String, JsonObject> streams;
    private final String scratch;
    private final Thread thread;
    private volatile boolean stopping;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> firstFailures = Collections.synchronizedList(new ArrayList<>());

    /** Requests answered 2xx, requests that were not (or failed), and the first few reasons. */
    record Tally(long answered, long failed, List<String> firstFailures) {
    }

    /** Starts the client on {@code streams} (name to its settings as created) and the scratch stream {@code scratch}. */
    StreamSettingsChurn(String name, Map<String, JsonObject> streams, String scratch) {
        this.streams = Map.copyOf(streams);
        this.scratch = scratch;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets the client finish its round, then waits for it (at most {@code seconds}). */
    Tally stop(int seconds) throws InterruptedException {
        stopping = true;
        thread.join(seconds * 1000L);
        if (thread.isAlive()) {
            failure(thread.getName() + " still busy " + seconds + " s after the end, interrupted");
            thread.interrupt();
            thread.join(5_000);
        }
        return new Tally(answered.get(), failed.get(), List.copyOf(firstFailures));
    }

    private void run() {
        List<String> names = streams.keySet().stream().sorted().toList();
        try {
            for (int round = 1; !stopping; round++) {
                long started = System.currentTimeMillis();
                String stream = names.get(round % names.size());
                change(stream, round);
                send("GET", LIST, null);
                send("PUT", ConfigApi.STREAMS + scratch, "{\"inputs\":[{\"url\":\"publish://\"}],\"title\":\"scratch " + round + "\"}");
                send("DELETE", ConfigApi.STREAMS + scratch, null);
                long left = started + PERIOD_MS - System.currentTimeMillis();
                if (left > 0 && !stopping) {
                    Thread.sleep(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Puts the stream with this round's settings, then reads them back. */
    private void change(String stream, int round) throws InterruptedException {
        JsonObject base = streams.get(stream);
        String title = stream + " round " + round;
        int maxSessions = 1000 + round % 7;
        int depth = DEPTHS[round % DEPTHS.length];
        JsonObject changed = Json.createObjectBuilder(base)
                .add("title", title)
                .add("meta", Json.createObjectBuilder().add("round", round))
                .add("max_sessions", maxSessions)
                .add("dvr", Json.createObjectBuilder(base.getJsonObject("dvr")).add("depth", depth))
                .build();
        if (send("PUT", ConfigApi.STREAMS + stream, changed.toString()) == null) {
            return;
        }
        HttpResponse<String> read = send("GET", ConfigApi.STREAMS + stream, null);
        if (read == null) {
            return;
        }
        boolean same;
        try {
            JsonObject got = Http.object(read);
            same = title.equals(got.getString("title", null))
                    && got.getJsonObject("meta").getInt("round", -1) == round
                    && got.getInt("max_sessions", -1) == maxSessions
                    && got.getJsonObject("dvr").getInt("depth", -1) == depth;
        } catch (RuntimeException e) { // not JSON, or a key missing or of another type
            same = false;
        }
        if (!same) {
            failure("GET " + stream + " after round " + round + " shows other settings: " + read.body());
        }
    }

    /** The response if it is 2xx; otherwise counts the failure and returns null. */
    private HttpResponse<String> send(String method, String path, String body) throws InterruptedException {
        try {
            HttpResponse<String> r = ConfigApi.admin(method, path, body);
            if (r.statusCode() / 100 == 2) {
                answered.incrementAndGet();
                return r;
            }
            failure(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
        } catch (IOException e) {
            failure(method + " " + path + ": " + e);
        }
        return null;
    }

    private void failure(String what) {
        failed.incrementAndGet();
        synchronized (firstFailures) {
            if (firstFailures.size() < MAX_FAILURES_KEPT) {
                firstFailures.add(what);
            }
        }
    }
}
