package org.openstreamer.ejb.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One source of a stream as stored in {@code stream_inputs}; its position is the list index. */
@Embeddable
public class StreamInput {

    @Column(name = "url", nullable = false, length = 2048)
    private String url;

    @Column(name = "priority")
    private Integer priority;

    @Column(name = "source_timeout")
    private Integer sourceTimeout;

    /** The other options of the input, as JSON object text. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "options", nullable = false, columnDefinition = "jsonb")
    private String options;

    protected StreamInput() {
    }

    public StreamInput(InputDefinition input) {
        this.url = input.url();
        this.priority = input.priority();
        this.sourceTimeout = input.sourceTimeout();
        this.options = input.options().toString();
    }

    public InputDefinition definition() {
        return new InputDefinition(url, priority, sourceTimeout, JsonText.object(options));
    }
}
