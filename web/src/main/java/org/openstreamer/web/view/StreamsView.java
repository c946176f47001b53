package org.openstreamer.web.view;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.openstreamer.ejb.error.ConfigException;
import org.openstreamer.ejb.model.StreamDefinition;
import org.openstreamer.ejb.service.StreamOperations;
import org.openstreamer.ejb.service.StreamService;

import java.io.Serializable;

/** The streams page: the paged table and the actions on a row (disable/enable, delete). */
@Named
@ViewScoped
public class StreamsView implements Serializable {

    @EJB
    private StreamService streams;
    @EJB
    private StreamOperations operations;

    private StreamRowsModel model;

    @PostConstruct
    void init() {
        model = new StreamRowsModel(streams, operations);
    }

    public StreamRowsModel getModel() {
        return model;
    }

    public void setDisabled(String name, boolean disabled) {
        if (!Faces.requireAdmin()) {
            return;
        }
        try {
            if (streams.patch(name, d -> new StreamDefinition(name,
                    d.options().toBuilder().disabled(disabled).build())).isPresent()) {
                Faces.info(name + (disabled ? " disabled." : " enabled."));
            } else {
                Faces.error("There is no stream named " + name + " any more.");
            }
        } catch (RuntimeException e) {
            explain(e);
        }
    }

    public void delete(String name) {
        if (!Faces.requireAdmin()) {
            return;
        }
        try {
            Faces.info(streams.delete(name) ? name + " deleted." : "There is no stream named " + name + " any more.");
        } catch (RuntimeException e) {
            explain(e);
        }
    }

    private static void explain(RuntimeException e) {
        ConfigException c = Faces.configError(e);
        if (c == null) {
            throw e;
        }
        Faces.error(c.getMessage());
    }
}
