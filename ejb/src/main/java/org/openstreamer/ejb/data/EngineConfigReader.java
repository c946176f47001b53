package org.openstreamer.ejb.data;

import org.openstreamer.connector.api.DvrSettings;
import org.openstreamer.connector.api.InputConfig;
import org.openstreamer.connector.api.PublishLocationConfig;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.SrtPortRange;
import org.openstreamer.ejb.model.SrtListenerRange;
import org.openstreamer.connector.api.SrtEndpoint;
import org.openstreamer.connector.api.PushConfig;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.api.StreamTemplateConfig;
import org.openstreamer.ejb.json.JsonBody;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.json.StreamTemplateJson;
import org.openstreamer.ejb.model.DvrSchedule;
import org.openstreamer.ejb.model.DvrConfig;
import org.openstreamer.ejb.model.HttpListener;
import org.openstreamer.ejb.model.InputDefinition;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.model.Push;
import org.openstreamer.ejb.model.SrtKind;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.ejb.model.StreamTemplateDefinition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the media engine needs straight from PostgreSQL with plain JDBC: every stream with
 * its SRT endpoints in one query (one row per endpoint, folded by name), the global ports, and the
 * publish locations and templates. No entities are built, so the full set stays cheap at 10,000
 * streams.
 */
public final class EngineConfigReader {

    private static final String STREAMS = """
            SELECT s.name, s.disabled, s.segment_duration, s.segment_count,
                   s.publish_enabled OR EXISTS (SELECT 1 FROM stream_inputs i
                                                WHERE i.stream = s.name AND lower(i.url) LIKE 'publish://%') AS publishable,
                   s.static, s.clients_timeout, s.retry_limit,
                   e.kind, e.port, e.passphrase, e.latency,
                   s.dvr_root, s.dvr_schedule, s.dvr_offline,
                   p.url, p.source_timeout, s.password, s.on_publish, s.thumbnails, s.backup_file, p.options, s.rtp,
                   s.frames_timeout
              FROM streams s LEFT JOIN stream_srt_endpoints e ON e.stream = s.name
                   LEFT JOIN LATERAL (SELECT i.url, i.source_timeout, i.options FROM stream_inputs i
                                       WHERE i.stream = s.name AND lower(i.url) NOT LIKE 'publish://%'
                                       ORDER BY i.position LIMIT 1) p ON true
             ORDER BY s.name""";

    private static final String INPUTS = """
            SELECT stream, url, priority, source_timeout, position, options::text FROM stream_inputs ORDER BY stream, position""";

    private static final String PUSHES = """
            SELECT stream, url, retry_timeout, coalesce(retry_limit, 0), disabled, coalesce(timeout, 0), tls_verify
              FROM stream_pushes ORDER BY stream, position""";

    private static final String SETTINGS = "SELECT kind, port, passphrase, latency, bind_address FROM server_srt_endpoints";
    private static final String RANGES = "SELECT mode, first_port, last_port, bind_address FROM server_srt_listeners ORDER BY position";
    private static final String HTTP_LISTENERS = "SELECT address, port FROM server_http_listeners ORDER BY position";
    private static final String CONFIG_EXTERNAL = "SELECT config_external, url_prefix, rtmp_port FROM server_config";
    private static final String LOCATIONS = "SELECT prefix, options::text FROM publish_locations";
    private static final String TEMPLATES = "SELECT name, options::text FROM stream_templates";

    private EngineConfigReader() {
    }

    public static List<StreamConfig> streams(Connection c) throws SQLException {
        List<StreamConfig> configs = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery(STREAMS)) {
                String name = null;
                Object[] row = null;
                Map<SrtKind, SrtEndpoint> endpoints = new EnumMap<>(SrtKind.class);
                while (rs.next()) {
                    if (!rs.getString(1).equals(name)) {
                        if (name != null) {
                            configs.add(config(name, row, endpoints));
                        }
                        name = rs.getString(1);
                        row = new Object[] {rs.getBoolean(2), rs.getInt(3), rs.getInt(4), rs.getBoolean(5),
                                rs.getBoolean(6), rs.getInt(7), rs.getInt(8),
                                dvr(rs.getString(13), rs.getString(14), rs.getBoolean(15)), rs.getString(16),
                                rs.getObject(17) == null ? InputDefinition.DEFAULT_SOURCE_TIMEOUT : rs.getInt(17), rs.getString(18),
                                rs.getString(19), rs.getBoolean(20), rs.getString(21),
                                SourceOptions.of(rs.getString(22) == null ? null : JsonBody.object(rs.getString(22))),
                                "udp".equals(rs.getString(23)),
                                rs.getObject(24) == null ? StreamConfig.DEFAULT_FRAMES_TIMEOUT : rs.getInt(24)};
                        endpoints = new EnumMap<>(SrtKind.class);
                    }
                    if (rs.getString(9) != null) {
                        endpoints.put(SrtKind.of(rs.getString(9)), endpoint(rs, 10));
                    }
                }
                if (name != null) {
                    configs.add(config(name, row, endpoints));
                }
            }
        }
        Map<String, List<InputConfig>> inputs = inputs(c);
        if (!inputs.isEmpty()) {
            configs.replaceAll(sc -> inputs.containsKey(sc.name()) ? sc.toBuilder().inputs(inputs.get(sc.name())).build() : sc);
        }
        Map<String, List<PushConfig>> pushes = pushes(c);
        if (!pushes.isEmpty()) {
            configs.replaceAll(sc -> pushes.containsKey(sc.name()) ? sc.withPushes(pushes.get(sc.name())) : sc);
        }
        return configs;
    }

    /** Every stream's inputs, in list order, by stream name. */
    private static Map<String, List<InputConfig>> inputs(Connection c) throws SQLException {
        Map<String, List<InputConfig>> byStream = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(INPUTS)) {
            while (rs.next()) {
                Integer priority = rs.getObject(3) == null ? null : rs.getInt(3);
                Integer timeout = rs.getObject(4) == null ? null : rs.getInt(4);
                byStream.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(input(new InputDefinition(rs.getString(2), priority, timeout,
                                rs.getString(6) == null ? null : JsonBody.object(rs.getString(6))), rs.getInt(5)));
            }
        }
        return byStream;
    }

    /**
     * An input as failover orders it: its priority, or without one its place in the list (1 for
     * the first), so unprioritized inputs keep list order and a better one is taken back.
     */
    static InputConfig input(InputDefinition i, int position) {
        return new InputConfig(i.url(), i.priority() != null ? i.priority() : position + 1, i.sourceTimeout(),
                SourceOptions.of(i.options()));
    }

    /** Every stream's pushes, in order, by stream name. */
    private static Map<String, List<PushConfig>> pushes(Connection c) throws SQLException {
        Map<String, List<PushConfig>> byStream = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(PUSHES)) {
            while (rs.next()) {
                byStream.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PushConfig(rs.getString(2),
                        rs.getInt(3), rs.getInt(4), rs.getBoolean(5), rs.getInt(6), rs.getBoolean(7)));
            }
        }
        return byStream;
    }

    public static ServerSettings settings(Connection c) throws SQLException {
        Map<SrtKind, SrtEndpoint> endpoints = new EnumMap<>(SrtKind.class);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SETTINGS)) {
            while (rs.next()) {
                SrtEndpoint e = endpoint(rs, 2);
                endpoints.put(SrtKind.of(rs.getString(1)), new SrtEndpoint(e.port(), e.passphrase(), e.latencyMs(), rs.getString(5)));
            }
        }
        List<SrtPortRange> ranges = new ArrayList<>();
        String configExternal = null;
        String urlPrefix = null;
        int rtmpPort = ServerSettings.DEFAULT_RTMP_PORT;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(RANGES)) {
                while (rs.next()) {
                    ranges.add(new SrtPortRange(rs.getInt(2), rs.getInt(3), SrtListenerRange.PUBLISH.equals(rs.getString(1)),
                            rs.getString(4)));
                }
            }
            try (ResultSet rs = s.executeQuery(CONFIG_EXTERNAL)) {
                if (rs.next()) {
                    configExternal = rs.getString(1);
                    urlPrefix = rs.getString(2);
                    int port = rs.getInt(3);
                    rtmpPort = rs.wasNull() ? ServerSettings.DEFAULT_RTMP_PORT : port;
                }
            }
        }
        return new ServerSettings(endpoints.get(SrtKind.SRT), endpoints.get(SrtKind.SRT_PUBLISH),
                endpoints.get(SrtKind.SRT_PLAY), ranges, configExternal, urlPrefix, rtmpPort);
    }

    /** port, passphrase, latency from column {@code first} on; a NULL port is 0 (no own port). */
    private static SrtEndpoint endpoint(ResultSet rs, int first) throws SQLException {
        return new SrtEndpoint(rs.getInt(first), rs.getString(first + 1), rs.getInt(first + 2));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> sourceOptions(Object o) {
        return (Map<String, String>) o;
    }

    private static StreamConfig config(String name, Object[] row, Map<SrtKind, SrtEndpoint> e) {
        return StreamConfig.builder(name).publishEnabled((Boolean) row[3]).disabled((Boolean) row[0])
                .srt(e.get(SrtKind.SRT)).srtPublish(e.get(SrtKind.SRT_PUBLISH)).srtPlay(e.get(SrtKind.SRT_PLAY))
                .segmentDuration((Integer) row[1]).segmentCount((Integer) row[2]).isStatic((Boolean) row[4])
                .clientsTimeout((Integer) row[5]).retryLimit((Integer) row[6]).dvr((DvrSettings) row[7])
                .source((String) row[8]).sourceTimeout((Integer) row[9]).password((String) row[10])
                .onPublish((String) row[11])
                .thumbnails((Boolean) row[12])
                .backup((String) row[13])
                .sourceOptions(sourceOptions(row[14]))
                .rtpUdp((Boolean) row[15])
                .framesTimeout((Integer) row[16]).build();
    }

    /**
     * What the recorder needs of a DVR configuration, or null without one. A disk array root
     * ({@code @NAME}) is not recorded by this server: none.
     */
    private static DvrSettings dvr(String root, String schedule, boolean offline) {
        if (root == null || !root.startsWith("/")) {
            return null;
        }
        List<Integer> minutes = new ArrayList<>();
        if (schedule != null) {
            DvrSchedule.parse(schedule).intervals().forEach(i -> {
                minutes.add(i.start());
                minutes.add(i.end() % 1440);
            });
        }
        return new DvrSettings(root, !offline, minutes);
    }

    /** The publish locations; their option documents were validated when stored, and are read leniently. */
    /** The extra HTTP listeners of the server, in their order. */
    public static List<HttpListener> httpListeners(Connection c) throws SQLException {
        List<HttpListener> listeners = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(HTTP_LISTENERS)) {
            while (rs.next()) {
                listeners.add(new HttpListener(rs.getString(1), rs.getInt(2)));
            }
        }
        return listeners;
    }

    public static List<PublishLocationConfig> locations(Connection c) throws SQLException {
        List<PublishLocationConfig> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LOCATIONS)) {
            while (rs.next()) {
                PublishLocationDefinition l = PublishLocationJson.readLenient(JsonBody.object(rs.getString(2)),
                        rs.getString(1)).value();
                out.add(new PublishLocationConfig(l.prefix(), config(l.prefix(), l.options()), l.options().records()));
            }
        }
        return out;
    }

    public static List<StreamTemplateConfig> templates(Connection c) throws SQLException {
        List<StreamTemplateConfig> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TEMPLATES)) {
            while (rs.next()) {
                StreamTemplateDefinition t = StreamTemplateJson.readLenient(JsonBody.object(rs.getString(2)),
                        rs.getString(1)).value();
                out.add(new StreamTemplateConfig(t.name(), t.prefix(), config(t.name(), t.options()), t.options().records()));
            }
        }
        return out;
    }

    /** What the engine needs of a set of stream options, under {@code name}. */
    public static StreamConfig config(String name, StreamOptions o) {
        DvrConfig d = o.dvr();
        InputDefinition pulled = o.inputs().stream().filter(i -> !i.isPublish()).findFirst().orElse(null);
        return StreamConfig.builder(name).publishEnabled(o.publishable()).disabled(o.disabled())
                .srt(o.srt()).srtPublish(o.srtPublish()).srtPlay(o.srtPlay())
                .segmentDuration(o.segmentDuration()).segmentCount(o.segmentCount()).isStatic(o.isStatic())
                .clientsTimeout(o.clientsTimeout()).retryLimit(o.retryLimit())
                .dvr(d == null ? null : dvr(d.root(), d.schedule(), d.offline()))
                .source(pulled == null ? null : pulled.url())
                .sourceTimeout(pulled == null ? InputDefinition.DEFAULT_SOURCE_TIMEOUT : pulled.sourceTimeout())
                .sourceOptions(SourceOptions.of(pulled == null ? null : pulled.options()))
                .password(o.password()).onPublish(o.onPublish()).thumbnails(o.thumbnails())
                .inputs(inputs(o.inputs()))
                .backup(o.backup() == null ? null : o.backup().file())
                .rtpUdp("udp".equals(o.rtp()))
                .framesTimeout(o.framesTimeout() == null ? StreamConfig.DEFAULT_FRAMES_TIMEOUT : o.framesTimeout())
                .pushes(o.pushes().stream().map(EngineConfigReader::push).toList()).build();
    }

    private static List<InputConfig> inputs(List<InputDefinition> defined) {
        List<InputConfig> out = new ArrayList<>();
        for (int i = 0; i < defined.size(); i++) {
            out.add(input(defined.get(i), i));
        }
        return out;
    }

    private static PushConfig push(Push p) {
        return new PushConfig(p.url(), p.retryTimeout(), p.retryLimit() == null ? 0 : p.retryLimit(), p.disabled(),
                p.timeout() == null ? 0 : p.timeout(), p.tlsVerify());
    }
}
