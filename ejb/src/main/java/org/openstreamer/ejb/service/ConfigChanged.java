package org.openstreamer.ejb.service;

/**
 * Fired (CDI) inside the transaction of every stored configuration change; observed by the sync
 * package ({@code EngineSyncTrigger}), which has {@code EngineSync} push the stored state to the
 * media engine once after the transaction commits.
 *
 * @param what {@code streams} or {@code server}
 */
public record ConfigChanged(String what) {

    public static final ConfigChanged STREAMS = new ConfigChanged("streams");
    public static final ConfigChanged SERVER = new ConfigChanged("server");
}
