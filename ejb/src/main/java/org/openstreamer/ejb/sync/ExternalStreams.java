package org.openstreamer.ejb.sync;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import org.openstreamer.ejb.model.StreamDefinition;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The streams the configuration backend ({@code config_external}) gave at its last good answer.
 * They live in memory only: the backend is their source of truth and is asked again at start.
 * A stream stored locally under the same name wins over the backend's.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ExternalStreams {

    /** The last good answer, when it came, and the last failure (null when the last poll was good). */
    public record Snapshot(Map<String, StreamDefinition> streams, Instant fetchedAt, String lastError) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), null, null);
    }

    private volatile Snapshot snapshot = Snapshot.EMPTY;

    public Snapshot snapshot() {
        return snapshot;
    }

    public Optional<StreamDefinition> find(String name) {
        return Optional.ofNullable(snapshot.streams().get(name));
    }

    /** Stores a good answer; true when the set of streams changed. */
    public boolean replace(Map<String, StreamDefinition> streams) {
        Snapshot before = snapshot;
        snapshot = new Snapshot(Map.copyOf(streams), Instant.now(), null);
        return !before.streams().equals(streams);
    }

    /** Keeps the last good answer (running streams go on) and notes why the backend failed. */
    public void failed(String error) {
        Snapshot before = snapshot;
        snapshot = new Snapshot(before.streams(), before.fetchedAt(), error);
    }

    /** No backend configured: forgets its streams; true when there were some. */
    public boolean clear() {
        boolean had = !snapshot.streams().isEmpty();
        snapshot = Snapshot.EMPTY;
        return had;
    }
}
