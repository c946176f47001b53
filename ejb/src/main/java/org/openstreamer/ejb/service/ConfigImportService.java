package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.ejb.config.text.ConfigTextReader;
import org.openstreamer.ejb.config.text.ImportCheck;
import org.openstreamer.ejb.config.text.ImportReport;
import org.openstreamer.ejb.config.text.TextConfigException;
import org.openstreamer.ejb.drm.DrmKeyService;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.json.DrmSettingsJson;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.json.NotifySinkJson;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.json.StreamTemplateJson;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.model.NotifySink;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.model.StreamTemplateDefinition;
import org.openstreamer.ejb.util.ServerIdentity;
import org.openstreamer.ejb.validate.ServerConfigValidator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Imports a configuration text in the reference's format: every stream, publish location,
 * template and event sink it describes is created or replaced whole, the server-wide settings it names replace
 * the stored ones, and with {@code replace} the stored blocks it does not describe are deleted
 * and the server settings it leaves out are cleared. All of it is one transaction through the
 * services of each kind, with their validation, port and prefix claims and events: a refused part
 * leaves nothing written. A dry run does exactly the same work and then rolls it back, so it
 * finds the same problems (port conflicts included) and reports the same changes.
 */
@Stateless
public class ConfigImportService {

    public static final String EVENT_TYPE = "config_imported";

    @PersistenceContext(unitName = "media")
    private EntityManager em;

    @EJB
    private StreamService streams;

    @EJB
    private PublishLocationService locations;

    @EJB
    private StreamTemplateService templates;

    @EJB
    private ServerConfigService server;

    @EJB
    private NotifySinkService sinks;

    @EJB
    private SrtPortRegistry ports;

    @EJB
    private DrmKeyService drmKeys;

    @Resource
    private SessionContext context;

    /** Imports {@code text}; throws {@link TextConfigException} (every problem, with lines) when refused. */
    public ImportReport importText(String text, boolean dryRun, boolean replace) {
        ImportCheck.Checked checked = ImportCheck.check(ConfigTextReader.read(text));
        // A stream's protection is compared with the stream, so that a changed drm line replaces it.
        KindPlan<StreamDefinition> streamPlan = new KindPlan<>(checked.streams(), StreamDefinition::name,
                name -> streams.find(name).map(d -> DrmSettingsJson.withDrm(StreamJson.write(d), drmKeys.settings(name).orElse(null))),
                d -> DrmSettingsJson.withDrm(StreamJson.write(d), checked.drm().get(d.name())),
                em.createQuery("SELECT s.name FROM Stream s ORDER BY s.name", String.class).getResultList(), replace);
        KindPlan<PublishLocationDefinition> livePlan = new KindPlan<>(checked.live(), PublishLocationDefinition::prefix,
                prefix -> locations.find(prefix).map(PublishLocationJson::write), PublishLocationJson::write,
                locations.list().stream().map(PublishLocationDefinition::prefix).toList(), replace);
        KindPlan<StreamTemplateDefinition> templatePlan = new KindPlan<>(checked.templates(), StreamTemplateDefinition::name,
                name -> templates.find(name).map(StreamTemplateJson::write), StreamTemplateJson::write,
                templates.list().stream().map(StreamTemplateDefinition::name).toList(), replace);
        KindPlan<NotifySink> notifyPlan = new KindPlan<>(checked.sinks(), NotifySink::name,
                name -> sinks.find(name).map(NotifySinkJson::write), NotifySinkJson::write,
                sinks.list().stream().map(NotifySink::name).toList(), replace);
        ServerPlan serverPlan = serverPlan(checked, replace);

        // Every port and prefix that moves is freed first, so that they may change owners within the import.
        flushAndClear();
        streamPlan.written.forEach(s -> ports.release(s.definition().name()));
        streamPlan.deleted.forEach(ports::release);
        if (serverPlan.changes()) {
            ports.release(null);
        }
        streamPlan.deleted.forEach(name -> {
            streams.delete(name);
            flushAndClear();
        });
        livePlan.deleted.forEach(locations::delete);
        templatePlan.deleted.forEach(templates::delete);
        notifyPlan.deleted.forEach(sinks::delete);
        flushAndClear();
        if (serverPlan.changes()) {
            try {
                server.put(serverPlan.target);
            } catch (ConfigException e) {
                throw new TextConfigException(checked.server().positions().problem(e, "server"));
            }
        }
        // Templates before locations: a template that moves to another prefix frees its old one first.
        templatePlan.apply(templates::put);
        livePlan.apply(locations::put);
        notifyPlan.apply(sinks::put);
        streamPlan.apply(d -> {
            streams.put(d);
            flushAndClear();
        });
        // Protections last, once every stream the text names is stored: as PUT /drm/NAME stores them,
        // in the import's transaction. A dry run stores none and makes no key (the engine would be
        // handed keys of a rolled-back protection). A written stream without a drm line is not protected.
        if (!dryRun) {
            streamPlan.written.forEach(b -> {
                String name = b.definition().name();
                DrmSettings drm = checked.drm().get(name);
                if (drm != null) {
                    drmKeys.protect(name, drm);
                } else {
                    drmKeys.unprotect(name);
                }
            });
        }

        ImportReport report = new ImportReport(dryRun, replace, streamPlan.changes(), livePlan.changes(),
                templatePlan.changes(), notifyPlan.changes(), serverPlan.changed, checked.warnings());
        if (dryRun) {
            context.setRollbackOnly();
        } else if (report.changes()) {
            record(report);
        }
        return report;
    }

    private ServerPlan serverPlan(ImportCheck.Checked checked, boolean replace) {
        if (!replace && !checked.setsServer()) {
            return new ServerPlan(null, List.of());
        }
        JsonObject stored = ServerConfigJson.write(server.get());
        try {
            ServerConfigDefinition target = ServerConfigJson.read(ImportCheck.serverJson(checked, stored, replace));
            ServerConfigValidator.validate(target);
            return new ServerPlan(target, changedKeys(stored, ServerConfigJson.write(target)));
        } catch (ConfigException e) {
            throw new TextConfigException(checked.server().positions().problem(e, checked.server().prefix()));
        }
    }

    /**
     * Writes what the services left in the transaction's persistence context and empties it:
     * every flush checks each entity the context holds, so one that kept all the streams of a
     * large import would make the import's cost grow with its square.
     */
    private void flushAndClear() {
        em.flush();
        em.clear();
    }

    private void record(ImportReport r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("created", r.streams().created().size());
        data.put("replaced", r.streams().replaced().size());
        data.put("unchanged", r.streams().unchanged().size());
        data.put("deleted", r.streams().deleted().size());
        data.put("live", summary(r.live()));
        data.put("templates", summary(r.templates()));
        data.put("notify", summary(r.sinks()));
        data.put("server", List.copyOf(r.serverChanged()));
        em.persist(new EventRecord(new MediaEvent(EVENT_TYPE, Instant.now(), null, data), ServerIdentity.node()));
    }

    private static Map<String, Object> summary(ImportReport.Changes c) {
        return Map.of("created", c.created().size(), "replaced", c.replaced().size(), "deleted", c.deleted().size());
    }

    /** The top-level keys whose values differ between two JSON objects of one shape. */
    static List<String> changedKeys(JsonObject before, JsonObject after) {
        Set<String> keys = new LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        return keys.stream().filter(k -> !Objects.equals(before.get(k), after.get(k))).toList();
    }

    private record ServerPlan(ServerConfigDefinition target, List<String> changed) {
        boolean changes() {
            return !changed.isEmpty();
        }
    }

    /** What the import does to the blocks of one kind, decided before anything is written. */
    private static final class KindPlan<T> {
        private final List<String> created = new ArrayList<>();
        private final List<ImportReport.Replaced> replaced = new ArrayList<>();
        private final List<String> unchanged = new ArrayList<>();
        private final List<String> deleted = new ArrayList<>();
        private final List<ImportCheck.CheckedBlock<T>> written = new ArrayList<>();

        KindPlan(List<ImportCheck.CheckedBlock<T>> blocks, Function<T, String> name,
                 Function<String, Optional<JsonObject>> stored, Function<T, JsonObject> json,
                 List<String> storedNames, boolean replace) {
            Set<String> named = new HashSet<>();
            for (ImportCheck.CheckedBlock<T> b : blocks) {
                String n = name.apply(b.definition());
                named.add(n);
                Optional<JsonObject> before = stored.apply(n);
                List<String> fields = before.map(j -> changedKeys(j, json.apply(b.definition()))).orElse(null);
                if (fields == null) {
                    created.add(n);
                    written.add(b);
                } else if (fields.isEmpty()) {
                    unchanged.add(n);
                } else {
                    replaced.add(new ImportReport.Replaced(n, fields));
                    written.add(b);
                }
            }
            if (replace) {
                storedNames.stream().filter(n -> !named.contains(n)).forEach(deleted::add);
            }
        }

        /** Writes each created or replaced block, a refusal placed at its block. */
        void apply(Consumer<T> put) {
            for (ImportCheck.CheckedBlock<T> b : written) {
                try {
                    put.accept(b.definition());
                } catch (ConfigException e) {
                    throw new TextConfigException(b.block().positions().problem(e, b.block().prefix()));
                }
            }
        }

        ImportReport.Changes changes() {
            return new ImportReport.Changes(created, replaced, unchanged, deleted);
        }
    }
}
