package org.openstreamer.ejb.model;

/**
 * An extra HTTP port of the server ({@code "listeners":{"http":[{"port":8081}]}}, {@code http 8081;}
 * in the text format), served like the main one.
 *
 * @param address the address to bind, or null for the one the main HTTP port is bound to
 * @param port    the TCP port
 */
public record HttpListener(String address, int port) {
}
