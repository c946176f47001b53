package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * A port of an SRT port range handed to a stream after the configuration backend resolved it.
 *
 * @param port   the UDP port
 * @param stream the stream the backend named
 * @param mode   {@code publish} or {@code play}
 * @param active true while a publisher or player is connected through it
 */
public record SrtBinding(int port, String stream, String mode, boolean active) implements Serializable {
}
