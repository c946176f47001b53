package org.openstreamer.connector.ingest.rtsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A depacketizer's sink that keeps what it gets, for assertions. */
final class Units implements RtpDepacketizer.Sink {

    record Unit(long timestamp, boolean keyframe, byte[] bytes) {
    }

    final List<Unit> units = new ArrayList<>();

    @Override
    public void unit(long timestamp, boolean keyframe, byte[] buf, int off, int len) {
        units.add(new Unit(timestamp, keyframe, Arrays.copyOfRange(buf, off, off + len)));
    }

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static final byte[] START = {0, 0, 0, 1};
}
