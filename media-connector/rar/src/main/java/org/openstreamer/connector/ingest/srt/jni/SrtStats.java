package org.openstreamer.connector.ingest.srt.jni;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one connection from {@code srt_bstats}: totals since the connection started, rates
 * over the interval since the last clearing read.
 *
 * @param elapsedMs                  time since the connection started
 * @param packetsSent                data packets sent, retransmissions included
 * @param packetsReceived            data packets received
 * @param packetsSentLost            packets the receiver reported lost (sender side)
 * @param packetsReceivedLost        gaps detected in the received sequence (receiver side)
 * @param packetsRetransmitted       packets sent again
 * @param packetsSentDropped         packets dropped by the sender as too late to send
 * @param packetsReceivedDropped     packets given up on by the receiver as too late to play
 * @param packetsReceivedUndecrypted packets that could not be decrypted (wrong key)
 * @param bytesSent                  bytes sent, retransmissions included; libsrt 1.5 counts 44 bytes
 *                                   of UDP and SRT header per packet on top of the payload
 * @param bytesReceived              bytes received, headers counted as for {@code bytesSent}
 * @param receiveBufferMs            time span of the data waiting in the receive buffer
 * @param sendBufferMs               time span of the unacknowledged data in the send buffer
 * @param sendRateMbps               sending rate
 * @param receiveRateMbps            receiving rate
 * @param rttMs                      smoothed round-trip time
 * @param bandwidthMbps              estimated link bandwidth
 */
public record SrtStats(
        long elapsedMs,
        long packetsSent,
        long packetsReceived,
        long packetsSentLost,
        long packetsReceivedLost,
        long packetsRetransmitted,
        long packetsSentDropped,
        long packetsReceivedDropped,
        long packetsReceivedUndecrypted,
        long bytesSent,
        long bytesReceived,
        int receiveBufferMs,
        int sendBufferMs,
        double sendRateMbps,
        double receiveRateMbps,
        double rttMs,
        double bandwidthMbps) {

    /**
     * The counters under the names libsrt gives them in {@code SRT_TRACEBSTATS}, as the
     * {@code srt_stats} object of {@code publish_stopped}: tools that read libsrt's own statistics
     * read these the same way.
     */
    public Map<String, Object> eventData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("msTimeStamp", elapsedMs);
        m.put("pktSentTotal", packetsSent);
        m.put("pktRecvTotal", packetsReceived);
        m.put("pktSndLossTotal", packetsSentLost);
        m.put("pktRcvLossTotal", packetsReceivedLost);
        m.put("pktRetransTotal", packetsRetransmitted);
        m.put("pktSndDropTotal", packetsSentDropped);
        m.put("pktRcvDropTotal", packetsReceivedDropped);
        m.put("pktRcvUndecryptTotal", packetsReceivedUndecrypted);
        m.put("byteSentTotal", bytesSent);
        m.put("byteRecvTotal", bytesReceived);
        m.put("msRcvBuf", receiveBufferMs);
        m.put("msSndBuf", sendBufferMs);
        m.put("mbpsSendRate", sendRateMbps);
        m.put("mbpsRecvRate", receiveRateMbps);
        m.put("msRTT", rttMs);
        m.put("mbpsBandwidth", bandwidthMbps);
        return m;
    }
}
