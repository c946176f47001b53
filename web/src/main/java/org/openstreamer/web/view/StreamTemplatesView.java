package org.openstreamer.web.view;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import org.openstreamer.ejb.json.StreamTemplateJson;
import org.openstreamer.ejb.model.StreamTemplateDefinition;
import org.openstreamer.ejb.service.StreamTemplateService;

import java.util.List;
import java.util.Optional;

/** The templates page ({@code PUT /streamer/api/v3/templates/NAME} in the API). */
@Named
@ViewScoped
public class StreamTemplatesView extends OptionSetsView<StreamTemplateDefinition> {

    @EJB
    private StreamTemplateService templates;

    @Override
    protected String kind() {
        return "template";
    }

    @Override
    protected boolean template() {
        return true;
    }

    @Override
    protected List<StreamTemplateDefinition> list() {
        return templates.list();
    }

    @Override
    protected Optional<StreamTemplateDefinition> find(String key) {
        return templates.find(key);
    }

    @Override
    protected String key(StreamTemplateDefinition d) {
        return d.name();
    }

    @Override
    protected JsonObject write(StreamTemplateDefinition d) {
        return StreamTemplateJson.write(d);
    }

    @Override
    protected StreamTemplateDefinition read(JsonObject json, String key) {
        return StreamTemplateJson.read(json, key);
    }

    @Override
    protected boolean put(StreamTemplateDefinition d) {
        return templates.put(d);
    }

    @Override
    protected boolean remove(String key) {
        return templates.delete(key);
    }
}
