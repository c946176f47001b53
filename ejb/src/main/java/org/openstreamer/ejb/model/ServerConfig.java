package org.openstreamer.ejb.model;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.openstreamer.connector.api.SrtEndpoint;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server-wide settings: the single row of {@code server_config} (created by the migration)
 * with its global SRT endpoints, SRT listener ranges and extra HTTP listeners, and the RTMP port.
 */
@Entity
@Table(name = "server_config")
public class ServerConfig {

    /** The id of the one row. */
    public static final short ID = 1;

    @Id
    private short id;

    @Column(name = "config_external", length = 2048)
    private String configExternal;

    @Column(name = "url_prefix", length = 2048)
    private String urlPrefix;

    @Column(name = "cluster_key", length = 255)
    private String clusterKey;

    @Column(name = "rtmp_port")
    private Integer rtmpPort;

    @Column(name = "on_play", length = 2048)
    private String onPlay;

    @Column(name = "max_sessions")
    private Integer maxSessions;

    @Column(name = "no_auto_token", nullable = false)
    private boolean noAutoToken;

    @Column(name = "soft_limitation", nullable = false)
    private boolean softLimitation;

    /** The named auth backends, as the JSON object of the API ({@code {"main": ["allow ip ...", ...]}}), or null. */
    @Column(name = "auth_backends", columnDefinition = "text")
    private String authBackends;

    @Column(name = "updated_at", nullable = false, insertable = false)
    private Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "server_srt_endpoints", joinColumns = @JoinColumn(name = "config_id"))
    @MapKeyColumn(name = "kind", length = 16)
    private Map<String, ServerSrtSettings> srt = new HashMap<>();

    @ElementCollection
    @CollectionTable(name = "server_srt_listeners", joinColumns = @JoinColumn(name = "config_id"))
    @OrderColumn(name = "position")
    private List<ListenerRange> listeners = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "server_http_listeners", joinColumns = @JoinColumn(name = "config_id"))
    @OrderColumn(name = "position")
    private List<HttpListenerRow> http = new ArrayList<>();

    protected ServerConfig() {
    }

    public ServerConfigDefinition definition() {
        return new ServerConfigDefinition(endpoint(SrtKind.SRT), endpoint(SrtKind.SRT_PUBLISH),
                endpoint(SrtKind.SRT_PLAY), listeners.stream().map(ListenerRange::range).toList(), configExternal,
                http.stream().map(HttpListenerRow::listener).toList(), urlPrefix, clusterKey, rtmpPort,
                new PlaybackDefaults(onPlay, maxSessions, noAutoToken, readAuthBackends(authBackends),
                        softLimitation));
    }

    public void configure(ServerConfigDefinition d) {
        configExternal = d.configExternal();
        srt.clear();
        d.endpoints().forEach((kind, endpoint) -> srt.put(kind.key(), new ServerSrtSettings(endpoint)));
        listeners.clear();
        d.listeners().forEach(l -> listeners.add(new ListenerRange(l)));
        http.clear();
        d.http().forEach(l -> http.add(new HttpListenerRow(l)));
        urlPrefix = d.urlPrefix();
        clusterKey = d.clusterKey();
        rtmpPort = d.rtmpPort();
        onPlay = d.playback().onPlay();
        maxSessions = d.playback().maxSessions();
        noAutoToken = d.playback().noAutoToken();
        softLimitation = d.playback().softLimitation();
        authBackends = writeAuthBackends(d.playback().authBackends());
        updatedAt = Instant.now();
    }

    private static Map<String, List<String>> readAuthBackends(String json) {
        Map<String, List<String>> named = new LinkedHashMap<>();
        if (json != null && !json.isBlank()) {
            try (JsonReader r = Json.createReader(new StringReader(json))) {
                r.readObject().forEach((name, rules) -> named.put(name,
                        rules.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()));
            }
        }
        return named;
    }

    private static String writeAuthBackends(Map<String, List<String>> named) {
        if (named.isEmpty()) {
            return null;
        }
        JsonObjectBuilder b = Json.createObjectBuilder();
        named.forEach((name, rules) -> b.add(name, Json.createArrayBuilder(rules)));
        return b.build().toString();
    }

    private SrtEndpoint endpoint(SrtKind kind) {
        ServerSrtSettings s = srt.get(kind.key());
        return s == null ? null : s.endpoint();
    }
}
