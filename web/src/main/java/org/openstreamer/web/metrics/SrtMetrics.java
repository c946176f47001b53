package org.openstreamer.web.metrics;

import org.openstreamer.connector.api.SrtConnectionStats;
import org.openstreamer.web.metrics.PrometheusText.Type;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The {@code openstreamer_srt_*} families: libsrt's statistics of each open SRT connection,
 * labels {@code stream}, {@code role} (publisher, player) and {@code peer} (host:port). Totals
 * count from the connection's start, so a reconnect starts a new series.
 */
final class SrtMetrics {

    private SrtMetrics() {
    }

    static void write(PrometheusText text, List<SrtConnectionStats> connections) {
        each(text, "openstreamer_srt_rtt_seconds", Type.GAUGE, "Smoothed round-trip time", connections,
                c -> c.rttMs() / 1000);
        each(text, "openstreamer_srt_packets_received_total", Type.COUNTER, "Data packets received", connections,
                SrtConnectionStats::packetsReceived);
        each(text, "openstreamer_srt_packets_sent_total", Type.COUNTER, "Data packets sent, retransmissions included",
                connections, SrtConnectionStats::packetsSent);
        each(text, "openstreamer_srt_packets_received_lost_total", Type.COUNTER,
                "Packets missing from the received sequence", connections, SrtConnectionStats::packetsReceivedLost);
        each(text, "openstreamer_srt_packets_sent_lost_total", Type.COUNTER, "Sent packets the peer reported lost",
                connections, SrtConnectionStats::packetsSentLost);
        each(text, "openstreamer_srt_packets_retransmitted_total", Type.COUNTER, "Packets sent again", connections,
                SrtConnectionStats::packetsRetransmitted);
        each(text, "openstreamer_srt_packets_received_dropped_total", Type.COUNTER,
                "Received packets given up on as too late to play", connections, SrtConnectionStats::packetsReceivedDropped);
        each(text, "openstreamer_srt_packets_sent_dropped_total", Type.COUNTER, "Packets dropped as too late to send",
                connections, SrtConnectionStats::packetsSentDropped);
        each(text, "openstreamer_srt_packets_received_undecrypted_total", Type.COUNTER,
                "Received packets that could not be decrypted", connections, SrtConnectionStats::packetsReceivedUndecrypted);
        each(text, "openstreamer_srt_received_bytes_total", Type.COUNTER, "Bytes received, SRT and UDP headers included",
                connections, SrtConnectionStats::bytesReceived);
        each(text, "openstreamer_srt_sent_bytes_total", Type.COUNTER, "Bytes sent, SRT and UDP headers included",
                connections, SrtConnectionStats::bytesSent);
        each(text, "openstreamer_srt_receive_buffer_seconds", Type.GAUGE,
                "Time span of the data waiting in the receive buffer", connections, c -> c.receiveBufferMs() / 1000.0);
        each(text, "openstreamer_srt_send_buffer_seconds", Type.GAUGE,
                "Time span of the unacknowledged data in the send buffer", connections, c -> c.sendBufferMs() / 1000.0);
        each(text, "openstreamer_srt_link_bandwidth_bits_per_second", Type.GAUGE,
                "Link bandwidth as libsrt estimates it", connections, c -> c.bandwidthMbps() * 1_000_000);
    }

    private static void each(PrometheusText text, String name, Type type, String help,
                             List<SrtConnectionStats> connections, ToDoubleFunction<SrtConnectionStats> value) {
        text.family(name, type, help, "stream", "role", "peer");
        for (SrtConnectionStats c : connections) {
            text.sample(value.applyAsDouble(c), c.stream(), c.role(), c.peer());
        }
    }
}
