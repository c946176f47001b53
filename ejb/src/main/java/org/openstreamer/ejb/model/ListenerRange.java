package org.openstreamer.ejb.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One SRT listener port range as stored in {@code server_srt_listeners}. */
@Embeddable
public class ListenerRange {

    @Column(name = "mode", nullable = false, length = 16)
    private String mode;

    @Column(name = "first_port", nullable = false)
    private int firstPort;

    @Column(name = "last_port", nullable = false)
    private int lastPort;

    @Column(name = "bind_address", length = 15)
    private String bindAddress;

    protected ListenerRange() {
    }

    public ListenerRange(SrtListenerRange range) {
        this.mode = range.mode();
        this.firstPort = range.first();
        this.lastPort = range.last();
        this.bindAddress = range.address();
    }

    public SrtListenerRange range() {
        return new SrtListenerRange(mode, firstPort, lastPort, bindAddress);
    }
}
