package org.openstreamer.ejb.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.openstreamer.connector.api.MediaEvent;

import jakarta.json.JsonObject;

import java.time.Instant;

/**
 * One engine event as stored in the {@code events} table; its data is a JSON object with numbers
 * as numbers (older rows may hold every value as a string, and are read back as they are).
 */
@Entity
@Table(name = "events")
public class EventRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false, length = 64)
    private String type;

    @Column(length = 255)
    private String stream;

    @Column(nullable = false, length = 255)
    private String node;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String data = "{}";

    protected EventRecord() {
    }

    public EventRecord(MediaEvent event, String node) {
        this.occurredAt = event.occurredAt();
        this.type = event.type();
        this.stream = event.stream();
        this.node = node;
        this.data = JsonValues.object(event.data()).toString();
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getType() {
        return type;
    }

    public String getStream() {
        return stream;
    }

    public String getNode() {
        return node;
    }

    public JsonObject getData() {
        return JsonText.object(data);
    }
}
