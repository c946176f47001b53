package org.openstreamer.ejb.sync;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openstreamer.ejb.service.ConfigChanged;
import org.openstreamer.ejb.service.ServerConfigService;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Fetches {@code GET <config_external>streams} at start, every few seconds (default 5) and right
 * after the server config changes, and hands the streams to the engine together with the locally
 * stored ones. A backend that fails or answers garbage changes nothing: the last good list stays,
 * so running publishers go on; the failure is logged once when it starts and once when it ends.
 */
@Singleton
@Startup
@DependsOn("EngineSync")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // a request's config change never waits for a poll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConfigBackendPoller {

    private static final Logger LOG = Logger.getLogger(ConfigBackendPoller.class.getName());
    private static final int MAX_BODY_CHARS = 64 * 1024 * 1024;

    @Resource
    private TimerService timers;

    @EJB
    private ServerConfigService config;

    @EJB
    private ExternalStreams external;

    @EJB
    private EngineSync engine;

    @Inject
    @ConfigProperty(name = "openstreamer.config-external.poll-seconds", defaultValue = "5")
    private int pollSeconds;

    @Inject
    @ConfigProperty(name = "openstreamer.config-external.timeout-seconds", defaultValue = "4")
    private int timeoutSeconds;

    private final AtomicBoolean polling = new AtomicBoolean();
    private HttpClient http;
    private String failing;           // the failure being reported, null while the backend answers
    private String lastBody;          // the last answer parsed, to skip parsing an unchanged one
    private List<String> lastProblems = List.of();
    private List<String> lastIgnored = List.of();

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        long every = Math.max(1, pollSeconds) * 1000L;
        timers.createIntervalTimer(0, every, new TimerConfig("config_external poll", false));
    }

    /** Polls at once when the server config (and so perhaps config_external) changed. */
    public void configChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ConfigChanged change) {
        if (ConfigChanged.SERVER.equals(change)) {
            timers.createSingleActionTimer(1, new TimerConfig("config_external poll now", false));
        }
    }

    @Timeout
    void poll() {
        if (!polling.compareAndSet(false, true)) {
            return; // the poll already running will do
        }
        try {
            pollNow();
        } finally {
            polling.set(false);
        }
    }

    private void pollNow() {
        String base;
        try {
            base = config.get().configExternal();
        } catch (RuntimeException e) {
            return; // the database is down: keep what the engine has, the next poll retries
        }
        if (base == null) {
            failing = null;
            lastBody = null;
            if (external.clear()) {
                LOG.info("config_external removed: the streams of the configuration backend are gone");
                engine.push();
            }
            return;
        }
        URI uri = URI.create(base + "streams");
        ExternalStreamList list;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(timeoutSeconds)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("HTTP " + response.statusCode());
            }
            if (response.body().length() > MAX_BODY_CHARS) {
                throw new IllegalArgumentException("the answer is over " + MAX_BODY_CHARS + " characters");
            }
            if (response.body().equals(lastBody)) { // the usual case: nothing changed, nothing to parse
                recovered(uri);
                return;
            }
            list = ExternalStreamList.parse(response.body());
            lastBody = response.body();
        } catch (IOException | IllegalArgumentException e) {
            fail(uri, e.getClass() == IllegalArgumentException.class ? e.getMessage() : e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        recovered(uri);
        report(list);
        if (external.replace(list.streams())) {
            LOG.info("The configuration backend gives " + list.streams().size() + " streams");
            engine.push();
        }
    }

    private void recovered(URI uri) {
        if (failing != null) {
            LOG.info("The configuration backend " + uri + " answers again");
            failing = null;
        }
    }

    private void fail(URI uri, String why) {
        external.failed(why);
        if (failing == null) {
            LOG.warning("The configuration backend " + uri + " failed: " + why
                    + "; its last good list of streams stays in use until it answers again");
        }
        failing = why;
    }

    /** Logs the streams left out and the settings ignored, when they differ from the last answer's. */
    private void report(ExternalStreamList list) {
        if (!Objects.equals(list.problems(), lastProblems)) {
            list.problems().forEach(p -> LOG.warning("Configuration backend: " + p + " (stream left out)"));
            lastProblems = list.problems();
        }
        if (!Objects.equals(list.ignored(), lastIgnored)) {
            if (!list.ignored().isEmpty()) {
                LOG.info("Configuration backend: settings this server does not support are ignored: "
                        + String.join(", ", list.ignored()));
            }
            lastIgnored = list.ignored();
        }
    }
}
