package org.openstreamer.connector.api;

/**
 * The inbound message-listener contract of the connector. A message-driven bean implementing it,
 * bound to the adapter, receives every engine event. Delivery is asynchronous and in order per
 * adapter; a listener that throws does not stop delivery of later events.
 */
public interface MediaEventListener {

    void onEvent(MediaEvent event);
}
