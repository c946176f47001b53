package org.openstreamer.connector.ingest.srt;

import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.ingest.srt.SrtPortRole.Kind;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/** Which SRT ports the configuration asks for, and what each is for. */
final class SrtPortPlan {

    private static final Logger LOG = Logger.getLogger(SrtPortPlan.class.getName());

    private SrtPortPlan() {
    }

    /** Port to role. Stream ports come first: a stream's own port wins over a global one. */
    static Map<Integer, SrtPortRole> of(Collection<StreamConfig> streams, ServerSettings settings) {
        Map<Integer, SrtPortRole> plan = new TreeMap<>();
        for (StreamConfig s : streams) {
            if (s.disabled()) {
                continue;
            }
            add(plan, new SrtPortRole(Kind.STREAM_SHARED, s.name(), s.srt()));
            add(plan, new SrtPortRole(Kind.STREAM_PUBLISH, s.name(), s.srtPublish()));
            add(plan, new SrtPortRole(Kind.STREAM_PLAY, s.name(), s.srtPlay()));
        }
        add(plan, new SrtPortRole(Kind.GLOBAL_SHARED, null, settings.srt()));
        add(plan, new SrtPortRole(Kind.GLOBAL_PUBLISH, null, settings.srtPublish()));
        add(plan, new SrtPortRole(Kind.GLOBAL_PLAY, null, settings.srtPlay()));
        return plan;
    }

    private static void add(Map<Integer, SrtPortRole> plan, SrtPortRole role) {
        SrtEndpoint e = role.endpoint();
        if (e == null || !e.hasPort()) {
            return;
        }
        SrtPortRole first = plan.putIfAbsent(e.port(), role);
        if (first != null) {
            // The API refuses such conflicts; this only guards against a configuration that slipped through.
            LOG.warning("SRT port " + e.port() + " is claimed by " + first.describe() + " and "
                    + role.describe() + "; keeping the first");
        }
    }
}
