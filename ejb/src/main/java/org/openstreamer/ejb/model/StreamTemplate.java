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
 * A template as stored in {@code stream_templates}: its name, its prefix (unique), and its options
 * as one JSON document in the API's shape.
 */
@Entity
@Table(name = "stream_templates")
public class StreamTemplate {

    @Id
    @Column(length = 255)
    private String name;

    @Column(nullable = false, length = 255)
    private String prefix;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String options = "{}";

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false, insertable = false)
    private Instant updatedAt;

    protected StreamTemplate() {
    }

    public StreamTemplate(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public JsonObject options() {
        return JsonText.object(options);
    }

    public void configure(String prefix, JsonObject document) {
        this.prefix = prefix;
        this.options = document.toString();
        this.updatedAt = Instant.now();
    }
}
