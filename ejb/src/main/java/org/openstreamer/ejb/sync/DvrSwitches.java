package org.openstreamer.ejb.sync;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recording switched on or off through the API ({@code dvr/NAME/enable}, {@code disable}) over
 * what the configuration says ({@code dvr_offline} starts off). As in the reference, a switch
 * lasts until the server restarts; the configuration is the state to come back to.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DvrSwitches {

    private final Map<String, Boolean> switches = new ConcurrentHashMap<>();

    public void set(String stream, boolean recording) {
        switches.put(stream, recording);
    }

    /** The switch of {@code stream}, or null when the configuration decides. */
    public Boolean get(String stream) {
        return switches.get(stream);
    }

    public Map<String, Boolean> all() {
        return Map.copyOf(switches);
    }
}
