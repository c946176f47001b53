package org.openstreamer.ejb.service;

/**
 * What {@code GET /streamer/api/v3/server} answers; field names follow the reference API
 * ({@code total_streams}, {@code online_streams}, ...) once written in snake_case.
 */
public record ServerInfo(String version, String hostname, String node, long uptime, long totalStreams,
                         long onlineStreams, long totalClients, long inputKbit, long outputKbit) {
}
