package org.openstreamer.ejb.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.openstreamer.connector.api.SrtEndpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A configured stream: a row of {@code streams} (its options, the DVR settings as {@code dvr_*}
 * columns) with its inputs ({@code stream_inputs}, in order), SRT endpoints
 * ({@code stream_srt_endpoints}, keyed by kind) and pushes ({@code stream_pushes}, in order).
 * Services read and write it through {@link StreamDefinition}.
 */
@Entity
@Table(name = "streams")
public class Stream {

    @Id
    @Column(length = 255)
    private String name;

    @Column(length = 255)
    private String title;

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "publish_enabled", nullable = false)
    private boolean publishEnabled;

    @Column(name = "static", nullable = false)
    private boolean isStatic = true;

    @Column(name = "clients_timeout", nullable = false)
    private int clientsTimeout = StreamOptions.DEFAULT_CLIENTS_TIMEOUT;

    @Column(name = "retry_limit", nullable = false)
    private int retryLimit = StreamOptions.DEFAULT_RETRY_LIMIT;

    @Column(length = 255)
    private String password;

    @Column(name = "on_publish", length = 2048)
    private String onPublish;

    @Column(name = "on_play", length = 2048)
    private String onPlay;

    @Column(name = "max_sessions")
    private Integer maxSessions;

    @Column(name = "max_bitrate")
    private Integer maxBitrate;

    @Column(name = "segment_duration", nullable = false)
    private int segmentDuration = StreamOptions.DEFAULT_SEGMENT_DURATION;

    @Column(name = "segment_count", nullable = false)
    private int segmentCount = StreamOptions.DEFAULT_SEGMENT_COUNT;

    @Column(name = "thumbnails", nullable = false)
    private boolean thumbnails;

    /** Null when the stream has no DVR; the other dvr_* columns only count when it is set. */
    @Column(name = "dvr_root", length = 1024)
    private String dvrRoot;

    @Column(name = "dvr_depth")
    private Long dvrDepth;

    @Column(name = "dvr_disk_limit")
    private Integer dvrDiskLimit;

    @Column(name = "dvr_storage_limit")
    private Long dvrStorageLimit;

    @Column(name = "dvr_schedule", length = 255)
    private String dvrSchedule;

    @Column(name = "dvr_offline", nullable = false)
    private boolean dvrOffline;

    /** RTP transport of RTSP inputs: udp, tcp, or null (tcp). */
    @Column(length = 8)
    private String rtp;

    /** Seconds without frames before frames_timed_out; null for the default. */
    @Column(name = "frames_timeout")
    private Integer framesTimeout;

    /** soft_limitation; null for the server's setting. */
    @Column(name = "soft_limitation")
    private Boolean softLimitation;

    /** domains: the referer lock's patterns separated by spaces; null for none. */
    @Column(length = 4096)
    private String domains;

    @Column(name = "backup_file", length = 1024)
    private String backupFile;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String meta = "{}";

    @ElementCollection
    @CollectionTable(name = "stream_inputs", joinColumns = @JoinColumn(name = "stream"))
    @OrderColumn(name = "position")
    private List<StreamInput> inputs = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "stream_srt_endpoints", joinColumns = @JoinColumn(name = "stream"))
    @MapKeyColumn(name = "kind", length = 16)
    private Map<String, SrtSettings> srt = new HashMap<>();

    @ElementCollection
    @CollectionTable(name = "stream_pushes", joinColumns = @JoinColumn(name = "stream"))
    @OrderColumn(name = "position")
    private List<StreamPush> pushes = new ArrayList<>();

    @Column(name = "updated_at", nullable = false, insertable = false)
    private Instant updatedAt;

    protected Stream() {
    }

    public Stream(String name) {
        this.name = name;
    }

    /** Everything configured, as one value (reads the inputs, endpoints and pushes). */
    public StreamDefinition definition() {
        StreamOptions.Builder b = StreamOptions.builder().title(title).disabled(disabled).publishEnabled(publishEnabled)
                .isStatic(isStatic).clientsTimeout(clientsTimeout).retryLimit(retryLimit).password(password)
                .onPublish(onPublish).onPlay(onPlay).maxSessions(maxSessions).maxBitrate(maxBitrate)
                .inputs(inputs.stream().map(StreamInput::definition).toList())
                .segmentDuration(segmentDuration).segmentCount(segmentCount).thumbnails(thumbnails)
                .pushes(pushes.stream().map(StreamPush::definition).toList())
                .meta(JsonText.object(meta)).framesTimeout(framesTimeout)
                .softLimitation(softLimitation).domains(splitDomains(domains));
        srt.forEach((kind, s) -> b.endpoint(SrtKind.of(kind), s.endpoint()));
        if (dvrRoot != null) {
            b.dvr(new DvrConfig(dvrRoot, dvrDepth, dvrDiskLimit, dvrStorageLimit, dvrSchedule, dvrOffline));
        }
        if (backupFile != null) {
            b.backup(new Backup(backupFile));
        }
        return new StreamDefinition(name, b.build());
    }

    /** Replaces the whole configuration with {@code d} (its name must be this stream's). */
    public void configure(StreamDefinition d) {
        if (!name.equals(d.name())) {
            throw new IllegalArgumentException("definition of " + d.name() + " given to stream " + name);
        }
        StreamOptions o = d.options();
        title = o.title();
        disabled = o.disabled();
        publishEnabled = o.publishEnabled();
        isStatic = o.isStatic();
        clientsTimeout = o.clientsTimeout();
        retryLimit = o.retryLimit();
        password = o.password();
        onPublish = o.onPublish();
        onPlay = o.onPlay();
        maxSessions = o.maxSessions();
        maxBitrate = o.maxBitrate();
        segmentDuration = o.segmentDuration();
        segmentCount = o.segmentCount();
        thumbnails = o.thumbnails();
        DvrConfig dvr = o.dvr();
        dvrRoot = dvr == null ? null : dvr.root();
        dvrDepth = dvr == null ? null : dvr.depth();
        dvrDiskLimit = dvr == null ? null : dvr.diskLimit();
        dvrStorageLimit = dvr == null ? null : dvr.storageLimit();
        dvrSchedule = dvr == null ? null : dvr.schedule();
        dvrOffline = dvr != null && dvr.offline();
        backupFile = o.backup() == null ? null : o.backup().file();
        meta = o.meta().toString();
        rtp = o.rtp();
        framesTimeout = o.framesTimeout();
        softLimitation = o.softLimitation();
        domains = joinDomains(o.domains());
        inputs.clear();
        o.inputs().forEach(i -> inputs.add(new StreamInput(i)));
        srt.clear();
        o.endpoints().forEach((kind, endpoint) -> srt.put(kind.key(), new SrtSettings(endpoint)));
        pushes.clear();
        o.pushes().forEach(p -> pushes.add(new StreamPush(p)));
        updatedAt = Instant.now();
    }

    /** The domains column as a list (space-separated patterns; null or blank for none). */
    public static List<String> splitDomains(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.trim().split("\\s+"));
    }

    static String joinDomains(List<String> domains) {
        return domains.isEmpty() ? null : String.join(" ", domains);
    }

    SrtEndpoint endpoint(SrtKind kind) {
        SrtSettings s = srt.get(kind.key());
        return s == null ? null : s.endpoint();
    }
}
