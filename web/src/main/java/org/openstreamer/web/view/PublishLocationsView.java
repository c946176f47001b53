package org.openstreamer.web.view;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import org.openstreamer.ejb.json.PublishLocationJson;
import org.openstreamer.ejb.model.PublishLocationDefinition;
import org.openstreamer.ejb.service.PublishLocationService;

import java.util.List;
import java.util.Optional;

/** The publish locations page ({@code PUT /streamer/api/v3/live/PREFIX} in the API). */
@Named
@ViewScoped
public class PublishLocationsView extends OptionSetsView<PublishLocationDefinition> {

    @EJB
    private PublishLocationService locations;

    @Override
    protected String kind() {
        return "publish location";
    }

    @Override
    protected boolean template() {
        return false;
    }

    @Override
    protected List<PublishLocationDefinition> list() {
        return locations.list();
    }

    @Override
    protected Optional<PublishLocationDefinition> find(String key) {
        return locations.find(key);
    }

    @Override
    protected String key(PublishLocationDefinition d) {
        return d.prefix();
    }

    @Override
    protected JsonObject write(PublishLocationDefinition d) {
        return PublishLocationJson.write(d);
    }

    @Override
    protected PublishLocationDefinition read(JsonObject json, String key) {
        return PublishLocationJson.read(json, key);
    }

    @Override
    protected boolean put(PublishLocationDefinition d) {
        return locations.put(d);
    }

    @Override
    protected boolean remove(String key) {
        return locations.delete(key);
    }
}
