package org.openstreamer.connector.ingest.file;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstreamer.connector.demux.ts.TsClocks;
import org.openstreamer.connector.ingest.pull.PullUrl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file looped in real time: paced by its PCR, its clocks shifted each round, and refusals. */
class FileTsInputTest {

    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void folder() {
        before = System.getProperty(FileFolder.PROPERTY);
        System.setProperty(FileFolder.PROPERTY, dir.resolve("files").toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(FileFolder.PROPERTY);
        } else {
            System.setProperty(FileFolder.PROPERTY, before);
        }
    }

    /** A packet of PID 0x100 with a PCR (90 kHz base) and a PES header with a PTS and DTS. */
    static byte[] packet(long pcr, long pts) {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = 0x41; // payload unit start, PID 0x100
        p[2] = 0x00;
        p[3] = 0x30; // adaptation field and payload
        p[4] = 7;
        p[5] = 0x10; // PCR flag
        p[6] = (byte) (pcr >>> 25);
        p[7] = (byte) (pcr >>> 17);
        p[8] = (byte) (pcr >>> 9);
        p[9] = (byte) (pcr >>> 1);
        p[10] = (byte) (((pcr & 1) << 7) | 0x7E);
        int e = 12; // PES header after the 8-byte adaptation field
        p[e] = 0;
        p[e + 1] = 0;
        p[e + 2] = 1;
        p[e + 3] = (byte) 0xE0;
        p[e + 6] = (byte) 0x80;
        p[e + 7] = (byte) 0xC0; // PTS and DTS
        p[e + 8] = 10;
        timestamp(p, e + 9, 0x31, pts);
        timestamp(p, e + 14, 0x11, pts - 3000);
        return p;
    }

    private static void timestamp(byte[] b, int at, int prefix, long v) {
        b[at] = (byte) (prefix | ((v >>> 29) & 0x0E));
        b[at + 1] = (byte) (v >>> 22);
        b[at + 2] = (byte) (((v >>> 14) & 0xFE) | 1);
        b[at + 3] = (byte) (v >>> 7);
        b[at + 4] = (byte) (((v << 1) & 0xFE) | 1);
    }

    static long pts(byte[] b, int p) {
        int at = p + 12 + 9;
        return ((b[at] & 0x0EL) << 29) | ((b[at + 1] & 0xFFL) << 22) | ((b[at + 2] & 0xFEL) << 14)
                | ((b[at + 3] & 0xFFL) << 7) | ((b[at + 4] & 0xFEL) >>> 1);
    }

    /** 0.2 s of stream: a packet every 20 ms. */
    private Path shortFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            out.write(packet(90_000 + i * 1800L, 99_000 + i * 1800L));
        }
        Path f = dir.resolve("files").resolve("vod").resolve("short.ts");
        Files.createDirectories(f.getParent());
        return Files.write(f, out.toByteArray());
    }

    @Test
    void timestampsAreShiftedInPlace() {
        byte[] p = packet(TsClocks.WRAP - 100, 5000);
        TsClocks.shift(p, 0, 300);
        assertEquals(200, TsClocks.pcr(p, 0), "wraps at 2^33");
        assertEquals(5300, pts(p, 0));
        byte[] none = new byte[188];
        none[0] = 0x47;
        none[3] = 0x10;
        assertEquals(TsClocks.NO_PCR, TsClocks.pcr(none, 0));
    }

    @Test
    void loopsInRealTimeWithTheClockGoingOn() throws Exception {
        shortFile();
        List<Long> pcrs = new ArrayList<>();
        List<Long> ptss = new ArrayList<>();
        long start = System.currentTimeMillis();
        try (FileTsInput in = FileTsInput.open(PullUrl.parse("file://vod/short.ts"))) {
            byte[] buf = new byte[188 * 50];
            while (System.currentTimeMillis() - start < 700) {
                int n = in.read(buf, 0, buf.length);
                for (int p = 0; p < n; p += 188) {
                    pcrs.add(TsClocks.pcr(buf, p));
                    ptss.add(pts(buf, p));
                }
            }
        }
        // 0.7 s of a 0.2 s file: three rounds and a half (10 packets each), not the hundreds an unpaced
        // reader would give. A busy machine may give fewer; past one round the loop point is crossed.
        assertTrue(pcrs.size() > 10 && pcrs.size() <= 45, "packets: " + pcrs.size());
        for (int i = 1; i < pcrs.size(); i++) {
            assertEquals(1800, pcrs.get(i) - pcrs.get(i - 1), "one steady clock across rounds at " + i);
            assertEquals(1800, ptss.get(i) - ptss.get(i - 1), "PTS too, at " + i);
        }
    }

    @Test
    void refusesWhatItCannotPlay() throws Exception {
        shortFile();
        Path files = dir.resolve("files");
        Files.write(files.resolve("vod").resolve("movie.mp4"), new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p'});
        Files.write(files.resolve("vod").resolve("empty.ts"), new byte[0]);
        Files.write(dir.resolve("secret.ts"), packet(0, 0));
        Files.createSymbolicLink(files.resolve("vod").resolve("link.ts"), dir.resolve("secret.ts"));
        String[][] cases = {
                {"file://vod/movie.mp4", "not MPEG-TS"},
                {"file://vod/empty.ts", "is empty"},
                {"file://vod/none.ts", "no file vod/none.ts"},
                {"file://vod/link.ts", "leads outside the file folder"},
                {"file://vod", "is not a file"},
        };
        for (String[] c : cases) {
            IOException e = assertThrows(IOException.class, () -> FileTsInput.open(PullUrl.parse(c[0])));
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PullUrl.parse("file://vod/../../secret.ts"));
        assertThrows(IllegalArgumentException.class, () -> PullUrl.parse("file:///etc/passwd"));
        assertTrue(assertThrows(IOException.class, () -> FileFolder.resolve(files, "../secret.ts")).getMessage()
                .contains("outside the file folder"));
    }

    @Test
    void aFileWithoutPcrIsRefusedAtItsEnd() throws Exception {
        Path f = dir.resolve("files").resolve("nopcr.ts");
        Files.createDirectories(f.getParent());
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[3] = 0x10;
        Files.write(f, p);
        try (FileTsInput in = FileTsInput.open(PullUrl.parse("file://nopcr.ts"))) {
            byte[] buf = new byte[188 * 4];
            IOException e = assertThrows(IOException.class, () -> in.read(buf, 0, buf.length));
            assertTrue(e.getMessage().contains("has no PCR"), e.getMessage());
        }
    }
}
