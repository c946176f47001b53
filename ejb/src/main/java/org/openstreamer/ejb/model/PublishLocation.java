package org.openstreamer.ejb.model;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/**
 * A publish location as stored in {@code publish_locations}: the prefix, and its options as one
 * JSON document in the API's shape (few rows, always read whole, never queried by option).
 */
@Entity
@Table(name = "publish_locations")
public class PublishLocation {

    @Id
    @Column(length = 255)
    private String prefix;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String options = "{}";

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false, insertable = false)
    private Instant updatedAt;

    protected PublishLocation() {
    }

    public PublishLocation(String prefix) {
        this.prefix = prefix;
    }

    public String getPrefix() {
        return prefix;
    }

    /** The options document as stored. */
    public JsonObject options() {
        return JsonText.object(options);
    }

    public void setOptions(JsonObject document) {
        options = document.toString();
        updatedAt = Instant.now();
    }
}
