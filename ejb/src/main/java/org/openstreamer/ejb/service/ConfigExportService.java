package org.openstreamer.ejb.service;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.openstreamer.ejb.config.text.TextConfigWriter;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.json.StreamJson;
import org.openstreamer.ejb.json.StreamTemplateJson;
import org.openstreamer.ejb.util.ServerIdentity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * The stored configuration (server settings, every stream in name order, then the publish
 * locations and the templates) in the reference's
 * text format, read in one transaction so that it is one consistent state. Importing the text
 * gives the same configuration back. Without the admin role the secrets are left out.
 */
@Stateless
public class ConfigExportService {

    /** Keys whose values are secrets: SRT passphrases, publish passwords, the cluster key. */
    static final Set<String> SECRETS = Set.of("passphrase", "password", "cluster_key");
    static final int PAGE = 500;

    @EJB
    private StreamService streams;

    @EJB
    private PublishLocationService locations;

    @EJB
    private StreamTemplateService templates;

    @EJB
    private ServerConfigService server;

    public String export(boolean withSecrets) {
        TextConfigWriter w = new TextConfigWriter();
        w.comment("OpenStreamer " + ServerIdentity.VERSION + " configuration, exported "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " from " + ServerIdentity.node() + ".");
        if (!withSecrets) {
            w.comment("Exported without the admin role: SRT passphrases, publish passwords and the cluster key are left out.");
        }
        w.server(secrets(ServerConfigJson.write(server.get()), withSecrets).asJsonObject());
        String after = null;
        do {
            StreamPage page = streams.list(null, after, PAGE);
            page.streams().forEach(d -> w.stream(secrets(StreamJson.write(d), withSecrets).asJsonObject()));
            after = page.lastName();
        } while (after != null);
        locations.list().forEach(l -> w.live(secrets(PublishLocationJson.write(l), withSecrets).asJsonObject()));
        templates.list().forEach(t -> w.template(secrets(StreamTemplateJson.write(t), withSecrets).asJsonObject()));
        return w.text();
    }

    /** {@code value} without the secret keys at any depth, unless they are wanted. */
    static JsonValue secrets(JsonValue value, boolean keep) {
        if (keep) {
            return value;
        }
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder b = Json.createObjectBuilder();
                value.asJsonObject().forEach((k, v) -> {
                    if (!SECRETS.contains(k)) {
                        b.add(k, secrets(v, false));
                    }
                });
                yield b.build();
            }
            case ARRAY -> {
                JsonArrayBuilder b = Json.createArrayBuilder();
                value.asJsonArray().forEach(v -> b.add(secrets(v, false)));
                yield b.build();
            }
            default -> value;
        };
    }
}
