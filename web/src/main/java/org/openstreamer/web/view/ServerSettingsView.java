package org.openstreamer.web.view;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.openstreamer.connector.api.MediaEngine;
import org.openstreamer.connector.api.MediaEngineFactory;
import org.openstreamer.connector.api.SrtBinding;
import org.openstreamer.ejb.json.ServerConfigJson;
import org.openstreamer.ejb.service.ServerConfigService;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

/**
 * The server settings page: listeners, SRT port ranges and the configuration backend. Saving is a
 * merge of the form into the stored settings inside {@link ServerConfigService#patch}, through the
 * API's JSON reader and validator, so it is checked, stored and applied exactly as a
 * {@code PATCH /streamer/api/v3/config} would be. Also shows which stream each resolved range port
 * is bound to, as the engine serves it now.
 */
@Named
@ViewScoped
public class ServerSettingsView implements Serializable {

    private static final Logger LOG = Logger.getLogger(ServerSettingsView.class.getName());

    @EJB
    private ServerConfigService config;

    @Resource(lookup = MediaEngineFactory.JNDI_NAME)
    private MediaEngineFactory engines;

    private ServerSettingsForm form;
    private final FieldErrors errors = new FieldErrors();
    private List<SrtBinding> bindings;
    private boolean engineReached;

    /** Reads the stored settings (f:viewAction, first load only). */
    public void load() {
        if (form == null) {
            form = ServerSettingsForm.of(ServerConfigJson.write(config.get()));
        }
    }

    public void save() {
        errors.clear();
        if (!Faces.requireAdmin()) {
            return;
        }
        try {
            var stored = config.patch(current -> ServerConfigJson.read(form.toJson(ServerConfigJson.write(current))));
            form = ServerSettingsForm.of(ServerConfigJson.write(stored));
            bindings = null;
            Faces.info("Server settings saved and applied.");
        } catch (RuntimeException e) {
            errors.explain(e);
        }
    }

    /** The refusal about {@code field} (API spelling), or null. */
    public String error(String field) {
        return errors.get(field);
    }

    /** The refusal about a listener of a list ({@code listeners.srt[2].ports}: kind srt, index 2, rest ".ports"), or null. */
    public String listError(String kind, int index, String rest) {
        return errors.get("listeners." + kind + "[" + index + "]" + rest);
    }

    /** The refusal about a setting of a global SRT port ({@code srt_publish.port}), or null. */
    public String endpointError(String key, String setting) {
        return errors.get(key + "." + setting);
    }

    /** The range ports the configuration backend gave to a stream, by port; read once per view. */
    public List<SrtBinding> getBindings() {
        if (bindings == null) {
            bindings = List.of();
            try (MediaEngine engine = engines.getEngine()) {
                bindings = engine.info().srtRanges().bindings().stream()
                        .sorted(Comparator.comparingInt(SrtBinding::port)).toList();
                engineReached = true;
            } catch (Exception e) {
                engineReached = false;
                LOG.warning("settings page could not reach the media engine: " + e);
            }
        }
        return bindings;
    }

    public void refreshBindings() {
        bindings = null;
    }

    public boolean isEngineReached() {
        getBindings();
        return engineReached;
    }

    public ServerSettingsForm getForm() {
        return form;
    }

    public List<String> getModes() {
        return List.of("publish", "play");
    }
}
