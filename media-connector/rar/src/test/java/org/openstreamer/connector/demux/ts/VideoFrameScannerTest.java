package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VideoFrameScannerTest {

    record Case(String name, boolean hevc, String hex, int firstSlice, List<String> sps) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String SPS264 = "6742c01e8c8d40501e900f08846a";
    private static final String SPS265 = "42010101600000030090000003000003005da00280802d1f";

    static Stream<Case> cases() {
        String longSps = "67" + "11".repeat(2000);
        return Stream.of(
                new Case("H.264 AUD SPS PPS IDR", false,
                        "0000000109f0" + "00000001" + SPS264 + "00000001" + "68ce3c80" + "000001" + "6588840021", 5,
                        List.of(SPS264)),
                new Case("H.264 non-IDR", false, "0000000109300000000141 9a".replace(" ", ""), 1, List.of()),
                new Case("H.264 later slice of a picture, then a first slice", false,
                        "000001654a11" + "000001019a22", 1, List.of()),
                new Case("H.264 forbidden bit is not a NAL unit", false, "000001e588" + "000001258800", 5, List.of()),
                new Case("H.264 SPS with escapes and trailing zero bytes", false,
                        "000001" + "6764000003001122" + "00000000000001" + "658800", 5, List.of("6764000003001122")),
                new Case("H.264 two SPS, the first slice ends the second", false,
                        "000001" + SPS264 + "000001" + "6742" + "000001" + "419a", 1, List.of(SPS264, "6742")),
                new Case("H.264 no slice", false, "0000000109f0000000016742c01e", -1, List.of("6742c01e")),
                new Case("H.264 SPS longer than the buffer", false, "000001" + longSps + "000001658800", 5,
                        List.of(longSps.substring(0, 2 * VideoFrameScanner.SPS_CAPACITY))),
                new Case("H.264 payload starting inside a NAL unit", false, "8884000000016588", 5, List.of()),
                new Case("H.265 VPS SPS PPS IDR_W_RADL", true,
                        "0000000140010c01ffff" + "00000001" + SPS265 + "000000014401c172b4" + "0000012601af", 19,
                        List.of(SPS265)),
                new Case("H.265 TRAIL_N: a header byte of 00", true, "0000000146010000000100018000", 0, List.of()),
                new Case("H.265 CRA", true, "0000012a01c0", 21, List.of()),
                new Case("H.265 later slice segment, then a first one", true, "000001020140" + "0000010201c0", 1, List.of()),
                new Case("H.265 SEI only", true, "0000014e0105ff", -1, List.of()));
    }

    /** Runs the scanner over the chunks; the result and the SPSs it handed over. */
    static String run(boolean hevc, List<byte[]> chunks) {
        List<String> sps = new ArrayList<>();
        VideoFrameScanner s = new VideoFrameScanner(hevc, (nal, len) -> sps.add(HexFormat.of().formatHex(nal, 0, len)));
        s.reset();
        int result = VideoFrameScanner.NONE;
        for (byte[] c : chunks) {
            result = s.scan(c, 0, c.length);
            if (result != VideoFrameScanner.NONE) {
                break;
            }
        }
        s.finish();
        return result + " " + sps;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstSliceAndSps(Case c) {
        byte[] all = HexFormat.of().parseHex(c.hex());
        String want = c.firstSlice() + " " + c.sps();
        assertEquals(want, run(c.hevc(), List.of(all)), "in one piece");
        for (int cut = 1; cut < all.length && cut < 64; cut++) {
            assertEquals(want, run(c.hevc(), List.of(Arrays.copyOf(all, cut), Arrays.copyOfRange(all, cut, all.length))),
                    "cut at " + cut);
        }
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : all) {
            bytes.add(new byte[] {b});
        }
        assertEquals(want, run(c.hevc(), bytes), "byte by byte");
    }
}
