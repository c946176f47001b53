package org.openstreamer.connector.demux.ts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/** Cuts a clean transport stream into packets and damages it in chosen ways. */
final class TsEdit {

    private TsEdit() {
    }

    static List<byte[]> packets(byte[] ts) {
        List<byte[]> out = new ArrayList<>();
        for (int p = 0; p + 188 <= ts.length; p += 188) {
            out.add(Arrays.copyOfRange(ts, p, p + 188));
        }
        return out;
    }

    static byte[] join(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static int pid(byte[] packet) {
        return TsPacket.pid(packet, 0);
    }

    static boolean unitStart(byte[] packet) {
        return TsPacket.payloadUnitStart(packet, 0);
    }

    /** Index of the n-th packet (0-based) at or after {@code from} that satisfies the test. */
    static int find(List<byte[]> packets, int from, int n, IntPredicate test) {
        int seen = 0;
        for (int i = from; i < packets.size(); i++) {
            if (test.test(i) && seen++ == n) {
                return i;
            }
        }
        throw new IllegalStateException("no such packet");
    }

    /** A packet of the PID that neither starts a PES nor follows one that does, nor precedes one. */
    static int midPes(List<byte[]> packets, int from, int pid) {
        return find(packets, from, 0, i -> pid(packets.get(i)) == pid && !unitStart(packets.get(i))
                && !unitStart(nextOnPid(packets, i, pid)) && i > 0);
    }

    static byte[] nextOnPid(List<byte[]> packets, int i, int pid) {
        for (int j = i + 1; j < packets.size(); j++) {
            if (pid(packets.get(j)) == pid) {
                return packets.get(j);
            }
        }
        return packets.get(i);
    }
}
