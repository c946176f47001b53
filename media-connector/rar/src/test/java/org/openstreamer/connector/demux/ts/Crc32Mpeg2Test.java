package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class Crc32Mpeg2Test {

    @Test
    void checkValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x0376E6E7, Crc32Mpeg2.compute(b, 0, b.length));
    }

    @Test
    void anIntactSectionChecksToZero() {
        // the PAT ffmpeg writes: program 1 on PMT PID 0x1000
        byte[] pat = {0x00, (byte) 0xB0, 0x0D, 0x00, 0x01, (byte) 0xC1, 0x00, 0x00, 0x00, 0x01, (byte) 0xF0, 0x00,
            0x2A, (byte) 0xB1, 0x04, (byte) 0xB2};
        assertEquals(0, Crc32Mpeg2.compute(pat, 0, pat.length));
        pat[9] ^= 1;
        assertNotEquals(0, Crc32Mpeg2.compute(pat, 0, pat.length));
    }
}
