package org.openstreamer.ejb.service;

/**
 * Fired (CDI) inside the transaction of every stored configuration change; observed after a
 * successful commit by {@link EngineSync}, which pushes the stored state to the media engine.
 *
 * @param what {@code streams} or {@code server}
 */
public record ConfigChanged(String what) {

    public static final ConfigChanged STREAMS = new ConfigChanged("streams");
    public static final ConfigChanged SERVER = new ConfigChanged("server");
}
