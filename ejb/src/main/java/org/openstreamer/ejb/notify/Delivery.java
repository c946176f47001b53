package org.openstreamer.ejb.notify;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.util.List;

/** Hands one batch of events, oldest first, to a sink's receiver; throws if it did not take it. */
@FunctionalInterface
public interface Delivery {

    void deliver(List<JsonObject> batch) throws IOException, InterruptedException;
}
