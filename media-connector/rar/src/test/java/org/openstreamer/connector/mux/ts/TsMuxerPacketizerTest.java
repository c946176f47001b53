package org.openstreamer.connector.mux.ts;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every PES length, with and without PCR and random access flag, fills whole packets and comes back intact. */
class TsMuxerPacketizerTest {

    @Test
    void everyLengthIsStuffedToWholePacketsAndReassembles() {
        byte[] pes = new byte[800];
        for (int i = 0; i < pes.length; i++) {
            pes[i] = (byte) (i * 7 + 1);
        }
        for (int flags = 0; flags < 4; flags++) {
            long pcr = (flags & 1) != 0 ? 0x1_2345_6789L : TsPacketizer.NO_PCR;
            boolean randomAccess = (flags & 2) != 0;
            TsPacketizer t = new TsPacketizer(0x100);
            int counter = 0;
            for (int len = 1; len <= pes.length; len++) {
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                PacketOut out = new PacketOut(sink::write);
                t.writePes(out, pes, 0, len, pcr, randomAccess);
                out.flush();
                byte[] ts = sink.toByteArray();
                assertEquals(0, ts.length % 188);
                ByteArrayOutputStream payload = new ByteArrayOutputStream();
                for (int p = 0; p < ts.length; p += 188) {
                    String at = "length " + len + ", flags " + flags + ", packet " + p / 188;
                    assertEquals(0x47, ts[p] & 0xFF);
                    assertEquals(p == 0, (ts[p + 1] & 0x40) != 0, at);
                    assertEquals(0x100, ((ts[p + 1] & 0x1F) << 8) | (ts[p + 2] & 0xFF));
                    assertEquals(counter, ts[p + 3] & 0x0F, at);
                    counter = (counter + 1) & 0x0F;
                    int start = 4;
                    if ((ts[p + 3] & 0x20) != 0) {
                        int af = ts[p + 4] & 0xFF;
                        start = 5 + af;
                        if (af > 0) {
                            int f = ts[p + 5] & 0xFF;
                            assertEquals(p == 0 && pcr != TsPacketizer.NO_PCR, (f & 0x10) != 0, at);
                            assertEquals(p == 0 && randomAccess, (f & 0x40) != 0, at);
                            int stuffing = 6 + ((f & 0x10) != 0 ? 6 : 0);
                            for (int k = p + stuffing; k < p + start; k++) {
                                assertEquals(0xFF, ts[k] & 0xFF, at + ": stuffing byte");
                            }
                        }
                    } else {
                        assertTrue(p > 0 || (pcr == TsPacketizer.NO_PCR && !randomAccess), "flags need a field");
                    }
                    assertTrue(start < 188, at + ": payload in every packet");
                    payload.write(ts, p + start, 188 - start);
                }
                assertArrayEquals(Arrays.copyOf(pes, len), payload.toByteArray(), "length " + len);
            }
        }
    }
}
