package org.openstreamer.ejb.service;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.ejb.config.text.ConfigTextReader;
import org.openstreamer.ejb.config.text.FieldPositions;
import org.openstreamer.ejb.config.text.ImportCheck;
import org.openstreamer.ejb.config.text.Problem;
import org.openstreamer.ejb.config.text.TextConfigException;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.model.EventRecord;
import org.openstreamer.ejb.model.ServerConfigDefinition;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.util.ServerIdentity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports a configuration text in the reference's format: every stream it describes is created or
 * replaced whole, the server-wide settings it names replace the stored ones, and with
 * {@code replace} the stored streams it does not describe are deleted and the server settings it
 * leaves out are cleared. All of it is one transaction through {@link StreamService} and
 * {@link ServerConfigService}, with their validation, port claims and events: a refused part
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
    private ServerConfigService server;

    @EJB
    private SrtPortRegistry ports;

    @Resource
    private SessionContext context;

    /** Imports {@code text}; throws {@link TextConfigException} (every problem, with lines) when refused. */
    public ImportReport importText(String text, boolean dryRun, boolean replace) {
        ImportCheck.Checked checked = ImportCheck.check(ConfigTextReader.read(text));
        ImportPlan plan = plan(checked, replace);
        apply(plan);
        ImportReport report = plan.report(dryRun, replace, checked.warnings());
        if (dryRun) {
            context.setRollbackOnly();
        } else if (report.changes()) {
            record(report);
        }
        return report;
    }

    private ImportPlan plan(ImportCheck.Checked checked, boolean replace) {
        ImportPlan plan = new ImportPlan();
        Set<String> named = new HashSet<>();
        for (ImportCheck.CheckedStream s : checked.streams()) {
            named.add(s.definition().name());
            StreamDefinition stored = streams.find(s.definition().name()).orElse(null);
            if (stored == null) {
                plan.create(s);
            } else {
                plan.replace(s, changedKeys(StreamJson.write(stored), StreamJson.write(s.definition())));
            }
        }
        if (replace) {
            em.createQuery("SELECT s.name FROM Stream s ORDER BY s.name", String.class).getResultList().stream()
                    .filter(name -> !named.contains(name)).forEach(plan.deleted::add);
        }
        if (replace || checked.setsServer()) {
            JsonObject stored = ServerConfigJson.write(server.get());
            try {
                ServerConfigDefinition target = ServerConfigJson.read(ImportCheck.serverJson(checked, stored, replace));
                ServerConfigValidator.validate(target);
                plan.server(target, changedKeys(stored, ServerConfigJson.write(target)), checked.server().positions());
            } catch (ConfigException e) {
                throw new TextConfigException(checked.server().positions().problem(e, checked.server().prefix()));
            }
        }
        return plan;
    }

    /** Frees every port that moves first, so that ports may change owners within the import. */
    private void apply(ImportPlan plan) {
        flushAndClear();
        plan.written().forEach(s -> ports.release(s.definition().name()));
        plan.deleted.forEach(ports::release);
        if (plan.serverChanges()) {
            ports.release(null);
        }
        for (String name : plan.deleted) {
            streams.delete(name);
            flushAndClear();
        }
        if (plan.serverChanges()) {
            try {
                server.put(plan.serverTarget);
            } catch (ConfigException e) {
                throw new TextConfigException(plan.serverPositions.problem(e, "server"));
            }
        }
        for (ImportCheck.CheckedStream s : plan.written()) {
            try {
                streams.put(s.definition());
            } catch (ConfigException e) {
                throw new TextConfigException(s.block().positions().problem(e, s.block().prefix()));
            }
            flushAndClear();
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
        Map<String, String> data = new LinkedHashMap<>();
        data.put("created", String.valueOf(r.created().size()));
        data.put("replaced", String.valueOf(r.replaced().size()));
        data.put("unchanged", String.valueOf(r.unchanged().size()));
        data.put("deleted", String.valueOf(r.deleted().size()));
        data.put("server", String.join(",", r.serverChanged()));
        em.persist(new EventRecord(new MediaEvent(EVENT_TYPE, Instant.now(), null, data), ServerIdentity.node()));
    }

    /** The top-level keys whose values differ between two JSON objects of one shape. */
    static List<String> changedKeys(JsonObject before, JsonObject after) {
        Set<String> keys = new LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        return keys.stream().filter(k -> !Objects.equals(before.get(k), after.get(k))).toList();
    }

    /** What the import will do, decided before anything is written. */
    private static final class ImportPlan {
        private final List<String> created = new ArrayList<>();
        private final List<ImportReport.StreamChange> replaced = new ArrayList<>();
        private final List<String> unchanged = new ArrayList<>();
        private final List<String> deleted = new ArrayList<>();
        private final List<ImportCheck.CheckedStream> written = new ArrayList<>();
        private List<String> serverChanged = List.of();
        private ServerConfigDefinition serverTarget;
        private FieldPositions serverPositions;

        void create(ImportCheck.CheckedStream s) {
            created.add(s.definition().name());
            written.add(s);
        }

        void replace(ImportCheck.CheckedStream s, List<String> fields) {
            if (fields.isEmpty()) {
                unchanged.add(s.definition().name());
            } else {
                replaced.add(new ImportReport.StreamChange(s.definition().name(), fields));
                written.add(s);
            }
        }

        void server(ServerConfigDefinition target, List<String> fields, FieldPositions positions) {
            serverTarget = target;
            serverChanged = fields;
            serverPositions = positions;
        }

        boolean serverChanges() {
            return !serverChanged.isEmpty();
        }

        List<ImportCheck.CheckedStream> written() {
            return written;
        }

        ImportReport report(boolean dryRun, boolean replace, List<Problem> warnings) {
            return new ImportReport(dryRun, replace, created, replaced, unchanged, deleted, serverChanged, warnings);
        }
    }
}
