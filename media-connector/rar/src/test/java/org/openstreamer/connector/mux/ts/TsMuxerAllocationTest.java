package org.openstreamer.connector.mux.ts;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Once warm, muxing allocates nothing per access unit: buffers are reused. */
class TsMuxerAllocationTest {

    @Test
    void steadyStateAllocatesNothing() {
        TsMuxerConversionTest.Converted video = TsMuxerConversionTest.video("h264_aac", MuxCodec.H264, 4);
        TsMuxerConversionTest.Converted audio = TsMuxerConversionTest.rawAac();
        List<AccessUnits.Unit> v = video.prefixed();
        List<AccessUnits.Unit> a = audio.prefixed();
        long[] sum = new long[1];
        TsMuxer m = new TsMuxer(List.of(video.track(), audio.track()), (b, o, l) -> sum[0] += b[o + l - 1]);
        ThreadMXBean bean = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        run(m, v, a); // warm: the staging buffer grows to the largest unit
        long before = bean.getCurrentThreadAllocatedBytes();
        int units = run(m, v, a);
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        // a single byte per unit would already be over: only the measuring itself may allocate
        assertTrue(allocated < units, allocated + " bytes allocated for " + units + " access units");
    }

    /** All units, video and audio alternating; returns how many. Allocates nothing itself. */
    private static int run(TsMuxer m, List<AccessUnits.Unit> v, List<AccessUnits.Unit> a) {
        int n = 0;
        for (int i = 0; i < v.size() || i < a.size(); i++) {
            if (i < v.size()) {
                AccessUnits.Unit u = v.get(i);
                m.accessUnit(0, u.pts(), u.dts(), u.keyframe(), u.data(), 0, u.data().length);
                n++;
            }
            if (i < a.size()) {
                AccessUnits.Unit u = a.get(i);
                m.accessUnit(1, u.pts(), u.dts(), u.keyframe(), u.data(), 0, u.data().length);
                n++;
            }
        }
        return n;
    }
}
