package org.openstreamer.ejb.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.openstreamer.connector.api.SrtEndpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A configured stream: a row of {@code streams} with its inputs ({@code stream_inputs}, in order)
 * and SRT endpoints ({@code stream_srt_endpoints}, keyed by kind). Services read and write it
 * through {@link StreamDefinition}.
 */
@Entity
@Table(name = "streams")
public class Stream {

    @Id
    @Column(length = 255)
    private String name;

    @Column(length = 255)
    private String title;

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "publish_enabled", nullable = false)
    private boolean publishEnabled;

    @Column(name = "segment_duration", nullable = false)
    private int segmentDuration = StreamDefinition.DEFAULT_SEGMENT_DURATION;

    @Column(name = "segment_count", nullable = false)
    private int segmentCount = StreamDefinition.DEFAULT_SEGMENT_COUNT;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String meta = "{}";

    @ElementCollection
    @CollectionTable(name = "stream_inputs", joinColumns = @JoinColumn(name = "stream"))
    @OrderColumn(name = "position")
    private List<StreamInput> inputs = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "stream_srt_endpoints", joinColumns = @JoinColumn(name = "stream"))
    @MapKeyColumn(name = "kind", length = 16)
    private Map<String, SrtSettings> srt = new HashMap<>();

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false, insertable = false)
    private Instant updatedAt;

    protected Stream() {
    }

    public Stream(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** Everything configured, as one value (reads the inputs and endpoints). */
    public StreamDefinition definition() {
        return new StreamDefinition(name, title, disabled, publishEnabled,
                inputs.stream().map(StreamInput::definition).toList(),
                endpoint(SrtKind.SRT), endpoint(SrtKind.SRT_PUBLISH), endpoint(SrtKind.SRT_PLAY),
                segmentDuration, segmentCount, JsonText.object(meta));
    }

    /** Replaces the whole configuration with {@code d} (its name must be this stream's). */
    public void configure(StreamDefinition d) {
        if (!name.equals(d.name())) {
            throw new IllegalArgumentException("definition of " + d.name() + " given to stream " + name);
        }
        title = d.title();
        disabled = d.disabled();
        publishEnabled = d.publishEnabled();
        segmentDuration = d.segmentDuration();
        segmentCount = d.segmentCount();
        meta = d.meta().toString();
        inputs.clear();
        d.inputs().forEach(i -> inputs.add(new StreamInput(i)));
        srt.clear();
        d.endpoints().forEach((kind, endpoint) -> srt.put(kind.key(), new SrtSettings(endpoint)));
        updatedAt = Instant.now();
    }

    private SrtEndpoint endpoint(SrtKind kind) {
        SrtSettings s = srt.get(kind.key());
        return s == null ? null : s.endpoint();
    }
}
