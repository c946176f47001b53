package org.openstreamer.connector.api;

import java.io.Serializable;

/**
 * libsrt's counters of one open SRT connection, as last sampled (publishers every half second,
 * players when asked). Totals count from the connection's start.
 *
 * @param stream                     the stream it publishes to or plays from
 * @param role                       {@code publisher} or {@code player}
 * @param peer                       the peer's {@code host:port}
 * @param port                       the local port it came in on
 * @param rttMs                      smoothed round-trip time
 * @param packetsReceived            data packets received
 * @param packetsSent                data packets sent, retransmissions included
 * @param packetsReceivedLost        gaps found in the received sequence
 * @param packetsSentLost            packets the peer reported lost
 * @param packetsRetransmitted       packets sent again
 * @param packetsReceivedDropped     packets given up on as too late to play
 * @param packetsSentDropped         packets dropped as too late to send
 * @param packetsReceivedUndecrypted packets that could not be decrypted
 * @param bytesReceived              bytes received (libsrt counts the headers too)
 * @param bytesSent                  bytes sent (headers counted as received)
 * @param receiveBufferMs            time span of the data waiting in the receive buffer
 * @param sendBufferMs               time span of the unacknowledged data in the send buffer
 * @param bandwidthMbps              the link bandwidth libsrt estimates
 */
public record SrtConnectionStats(String stream, String role, String peer, int port, double rttMs,
                                 long packetsReceived, long packetsSent, long packetsReceivedLost,
                                 long packetsSentLost, long packetsRetransmitted, long packetsReceivedDropped,
                                 long packetsSentDropped, long packetsReceivedUndecrypted, long bytesReceived,
                                 long bytesSent, int receiveBufferMs, int sendBufferMs,
                                 double bandwidthMbps) implements Serializable {
}
