package org.openstreamer.ejb.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.openstreamer.connector.api.DrmSettings;
import org.openstreamer.ejb.config.text.TextConfigWriter;
import org.openstreamer.ejb.drm.DrmKeyService;
import org.openstreamer.ejb.json.DrmSettingsJson;
import org.openstreamer.ejb.json.NotifySinkJson;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.json.Secrets;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.json.StreamTemplateJson;
import org.openstreamer.ejb.util.ServerIdentity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The stored configuration (server settings, every stream in name order, then the publish
 * locations, the templates and the event sinks) in the reference's
 * text format, read in one transaction so that it is one consistent state. Importing the text
 * gives the same configuration back. Without the admin role the secrets are left out.
 */
@Stateless
public class ConfigExportService {

    static final int PAGE = 500;

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
    private DrmKeyService drmKeys;

    public String export(boolean withSecrets) {
        TextConfigWriter w = new TextConfigWriter();
        w.comment("OpenStreamer " + ServerIdentity.VERSION + " configuration, exported "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " from " + ServerIdentity.node() + ".");
        if (!withSecrets) {
            w.comment("Exported without the admin role: SRT passphrases, publish passwords, the cluster key and sign_key are left out.");
        }
        w.server(secrets(ServerConfigJson.write(server.get()), withSecrets).asJsonObject());
        Map<String, DrmSettings> drm = drmKeys.allSettings();
        String after = null;
        do {
            StreamPage page = streams.list(null, after, PAGE);
            page.streams().forEach(d -> w.stream(secrets(DrmSettingsJson.withDrm(StreamJson.write(d), drm.get(d.name())),
                    withSecrets).asJsonObject()));
            after = page.lastName();
        } while (after != null);
        locations.list().forEach(l -> w.live(secrets(PublishLocationJson.write(l), withSecrets).asJsonObject()));
        templates.list().forEach(t -> w.template(secrets(StreamTemplateJson.write(t), withSecrets).asJsonObject()));
        sinks.list().forEach(n -> w.notify(secrets(NotifySinkJson.write(n), withSecrets).asJsonObject()));
        return w.text();
    }

    /** {@code value} without the secret keys ({@link Secrets}), unless they are wanted. */
    static JsonValue secrets(JsonValue value, boolean keep) {
        return keep ? value : Secrets.strip(value);
    }
}
