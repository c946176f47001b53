package org.openstreamer.web.view.stream;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openstreamer.connector.api.DvrStatus;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.MediaInfo;
import org.openstreamer.connector.api.PipelineInfo;
import org.openstreamer.connector.api.ServerSettings;
import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.model.PlaybackDefaults;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.StreamOptions;
import org.openstreamer.ejb.service.EventQueryService;
import org.openstreamer.ejb.service.FoundStream;
import org.openstreamer.ejb.service.LiveStatus;
import org.openstreamer.ejb.service.ServerConfigService;
import org.openstreamer.ejb.service.StreamLookup;
import org.openstreamer.ejb.service.StreamOperations;
import org.openstreamer.web.playback.auth.PlaySession;
import org.openstreamer.web.playback.auth.PlaybackGate;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The console's page of one stream ({@code /admin/stream-view.xhtml?name=NAME}): what the engine
 * says of it now (media, publisher, SRT link figures, viewers), its recent events and the addresses
 * to play it at. Rebuilt on every request, the page's 5-second poll included (its view action runs
 * on postbacks too).
 */
@Named
@RequestScoped
public class StreamPageView {

    private static final Logger LOG = Logger.getLogger(StreamPageView.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int EVENT_ROWS = 20;

    @EJB
    private StreamLookup lookup;
    @EJB
    private StreamOperations operations;
    @EJB
    private EventQueryService events;
    @EJB
    private ServerConfigService serverConfig;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    private String name;
    private FoundStream found;
    private LiveStatus live = LiveStatus.NONE;
    private List<SrtConnectionStats> srt = List.of();
    private List<EventRecord> recent = List.of();
    private ServerConfigDefinition server = ServerConfigDefinition.EMPTY;
    private String error;
    private String token;
    private PlaybackUrls urls;

    /** f:viewAction: reads the stream, the engine's figures and the events once per request. */
    public void load() {
        if (name == null || name.isBlank()) {
            error = "No stream named in the address (?name=).";
            return;
        }
        try {
            found = lookup.find(name).orElse(null);
            if (found == null) {
                error = "There is no stream named " + name + ".";
                return;
            }
            server = serverConfig.get();
            live = operations.live(name);
            recent = events.recentOfStream(name, EVENT_ROWS);
        } catch (Exception e) {
            LOG.warning("console stream page could not read " + name + ": " + e);
            error = "The database is unavailable; the page will fill in when it is back.";
        }
        try (MediaEngine engine = engines.getEngine()) {
            srt = engine.srtConnections().stream().filter(c -> name.equals(c.stream())).toList();
        } catch (Exception e) {
            LOG.fine("console stream page: no SRT figures from the engine: " + e);
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isFound() {
        return found != null;
    }

    public String getError() {
        return error;
    }

    public StreamOptions getOptions() {
        return found == null ? null : found.definition().options();
    }

    public String getTitle() {
        return found == null ? null : found.definition().options().title();
    }

    public String getStatus() {
        if (found == null) {
            return "";
        }
        PipelineInfo p = live.pipeline();
        return found.definition().options().disabled() ? "disabled" : p == null ? "idle" : p.state();
    }

    public String getReason() {
        return live.pipeline() == null ? null : live.pipeline().problem();
    }

    public PipelineInfo getPipeline() {
        return live.pipeline();
    }

    /** When these figures were read, UTC to the second: the page's poll replaces them every 5 s. */
    public String getRefreshedAt() {
        return java.time.LocalTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    public long getInputKbit() {
        return live.pipeline() == null ? 0 : live.pipeline().inputBitrate() / 1000;
    }

    public long getOutputKbit() {
        return live.pipeline() == null ? 0 : live.pipeline().outputBitrate() / 1000;
    }

    /** When the publisher connected, UTC to the second. */
    public String getPublisherSince() {
        PipelineInfo p = live.pipeline();
        return p == null || p.startedAt() == null ? null
                : java.time.format.DateTimeFormatter.ISO_INSTANT.format(p.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    public boolean isLive() {
        return live.alive();
    }

    public List<MediaInfo.Track> getTracks() {
        return live.mediaInfo() == null ? List.of() : live.mediaInfo().streams();
    }

    public DvrStatus getDvrStatus() {
        return live.dvr();
    }

    /** The DVR is configured: the timeline is shown. */
    public boolean isDvr() {
        return found != null && found.definition().options().dvr() != null;
    }

    public boolean isThumbnails() {
        return found != null && found.definition().options().thumbnails();
    }

    /**
     * How the publisher came in: the newest {@code publish_started} event says, else an SRT
     * connection in the publisher role. Null without a publisher.
     */
    public String getPublisherProtocol() {
        PipelineInfo p = live.pipeline();
        if (p == null || p.publisher() == null) {
            return null;
        }
        Optional<String> fromEvent = recent.stream().filter(e -> "publish_started".equals(e.getType())).findFirst()
                .map(e -> e.getData() == null ? null : e.getData().getString("protocol", null));
        return fromEvent.orElseGet(() -> getPublisherSrt() != null ? "srt" : null);
    }

    /** libsrt's figures of the publisher's connection, or null when it is no SRT publisher. */
    public SrtConnectionStats getPublisherSrt() {
        return srt.stream().filter(c -> "publisher".equals(c.role())).findFirst().orElse(null);
    }

    /** The SRT players' connections. */
    public List<SrtConnectionStats> getSrtPlayers() {
        return srt.stream().filter(c -> !"publisher".equals(c.role())).toList();
    }

    /** The publisher's loss in percent of the packets it sent us, to one decimal; null without an SRT publisher. */
    public String getPublisherLossPercent() {
        SrtConnectionStats c = getPublisherSrt();
        return c == null ? null : lossPercent(c.packetsReceived(), c.packetsReceivedLost());
    }

    static String lossPercent(long received, long lost) {
        long all = received + lost;
        return all == 0 ? "0.0" : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * lost / all);
    }

    /** Open playback sessions of this stream (only streams with a playback policy have any). */
    public List<PlaySession> getSessions() {
        PlaybackGate gate = PlaybackGate.current();
        return gate == null ? List.of() : gate.sessions().open().stream().filter(s -> name.equals(s.key().stream())).toList();
    }

    public List<EventRecord> getEvents() {
        return recent;
    }

    /** Whether players need a token here: the stream's or the server's playback policy. */
    public boolean isPlaybackChecked() {
        if (found == null) {
            return false;
        }
        StreamOptions o = found.definition().options();
        PlaybackDefaults d = server.playback();
        return o.onPlay() != null || o.maxSessions() != null || d.onPlay() != null || d.maxSessions() != null || d.noAutoToken();
    }

    /**
     * The token the console's player uses on a checked stream: one per page, so the console's
     * preview is one session (it passes the on_play backend like any viewer's token).
     */
    public String getToken() {
        if (token == null && isPlaybackChecked()) {
            byte[] b = new byte[12];
            RANDOM.nextBytes(b);
            token = "console" + HexFormat.of().formatHex(b);
        }
        return token;
    }

    public PlaybackUrls getUrls() {
        if (urls == null && found != null) {
            HttpServletRequest r = (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
            boolean defaultPort = ("http".equals(r.getScheme()) && r.getServerPort() == 80)
                    || ("https".equals(r.getScheme()) && r.getServerPort() == 443);
            String base = r.getScheme() + "://" + hostForUrl(r.getServerName()) + (defaultPort ? "" : ":" + r.getServerPort());
            StreamOptions o = found.definition().options();
            int rtmp = server.rtmpPort() == null ? ServerSettings.DEFAULT_RTMP_PORT : server.rtmpPort();
            int rtmpPort = rtmp == 0 ? 0 : rtmp + Integer.getInteger("jboss.socket.binding.port-offset", 0);
            urls = new PlaybackUrls(base, r.getServerName(), name, getToken(), o.srtPlay(), o.srt(), server.srtPlay(),
                    server.srt(), rtmpPort, FacesContext.getCurrentInstance().getExternalContext().isUserInRole("admin"));
        }
        return urls;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
