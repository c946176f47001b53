package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.buffer.LiveStream;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.IngestSessions;
import org.openstreamer.connector.ingest.Source;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An engine in miniature for RTMP tests: configured streams, real sessions and hubs, the events. */
final class RtmpTestHost implements RtmpServer.Host {

    final Map<String, StreamConfig> configs = new ConcurrentHashMap<>();
    final Map<String, LiveStream> hubs = new ConcurrentHashMap<>();
    final List<MediaEvent> events = new CopyOnWriteArrayList<>();
    final IngestSessions sessions = new IngestSessions(
            name -> configs.containsKey(name) ? hubs.computeIfAbsent(name, LiveStream::new) : null, events::add);

    RtmpTestHost stream(String name, boolean publishEnabled, String password) {
        configs.put(name, new StreamConfig(name, publishEnabled, false, null, null, null, 4, 4, true, 60, 10,
                null, null, password));
        return this;
    }

    @Override
    public StreamConfig config(String stream) {
        return configs.get(stream);
    }

    @Override
    public boolean hasPublisher(String stream) {
        return sessions.hasPublisher(stream);
    }

    @Override
    public IngestSession openSession(String stream, Source source) {
        return sessions.open(stream, source);
    }

    @Override
    public LiveTsReader openLiveTs(String stream) {
        LiveStream hub = hubs.get(stream);
        return hub == null ? null : hub.openReader();
    }

    @Override
    public void publish(MediaEvent event) {
        events.add(event);
    }

    List<String> eventTypes() {
        return events.stream().map(MediaEvent::type).toList();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
