package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PesAssemblerTest {

    /** Records the handler calls; payload bytes of a PES are joined into one "D" entry. */
    static final class Log implements PesAssembler.Handler {
        final List<String> events = new ArrayList<>();
        private final StringBuilder data = new StringBuilder();

        @Override
        public void pesStart(long packetIndex, long pts, long dts) {
            events.add("S " + packetIndex + " " + pts + " " + dts);
        }

        @Override
        public void pesPayload(byte[] a, int from, int to) {
            data.append(HexFormat.of().formatHex(a, from, to));
        }

        @Override
        public void pesEnd() {
            events.add("D " + data);
            data.setLength(0);
            events.add("E");
        }
    }

    record Unit(boolean start, byte[] bytes) {
    }

    static Unit start(byte[] b) {
        return new Unit(true, b);
    }

    static Unit cont(byte[] b) {
        return new Unit(false, b);
    }

    static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8};
    static final String HEX = "0102030405060708";

    record Case(String name, int cap, List<Unit> units, List<String> events, long pesErrors, long oversize) {
        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] withStreamId(byte[] pes, int id) {
        byte[] c = pes.clone();
        c[3] = (byte) id;
        return c;
    }

    static Stream<Case> cases() {
        byte[] video = TsBuilder.pes(0xE0, 9000, 5400, DATA, false);
        byte[] audio = TsBuilder.pes(0xC0, 1L << 32 | 5, -1, DATA, true);
        byte[] noPts = TsBuilder.pes(0xE0, -1, -1, DATA, false);
        byte[] max = TsBuilder.pes(0xE0, (1L << 33) - 1, 0, DATA, false);
        byte[] badStart = video.clone();
        badStart[2] = 2;
        byte[] badMarker = video.clone();
        badMarker[6] = 0x40;
        byte[] shortLength = audio.clone();
        shortLength[5] = 2; // PES_packet_length 2 < the 8 header bytes after it
        return Stream.of(
                new Case("unbounded PES ends at the next start", 1000, List.of(start(video), cont(DATA), start(video)),
                        List.of("S 0 9000 5400", "D " + HEX + HEX, "E", "S 2 9000 5400"), 0, 0),
                new Case("bounded PES ends by its length; the rest is ignored", 1000,
                        List.of(start(audio), cont(DATA), start(audio)),
                        List.of("S 0 4294967301 4294967301", "D " + HEX, "E",
                                "S 2 4294967301 4294967301", "D " + HEX, "E"), 0, 0),
                new Case("no PTS", 1000, List.of(start(noPts)), List.of("S 0 -1 -1"), 0, 0),
                new Case("largest PTS", 1000, List.of(start(max)), List.of("S 0 8589934591 0"), 0, 0),
                new Case("bad start code skips to the next start", 1000, List.of(start(badStart), cont(DATA), start(audio)),
                        List.of("S 2 4294967301 4294967301", "D " + HEX, "E"), 1, 0),
                new Case("bad marker bits", 1000, List.of(start(badMarker), start(audio)),
                        List.of("S 1 4294967301 4294967301", "D " + HEX, "E"), 1, 0),
                new Case("PES_packet_length under its header", 1000, List.of(start(shortLength)), List.of(), 1, 0),
                new Case("padding stream is not elementary data", 1000, List.of(start(withStreamId(video, 0xBE)), cont(DATA)),
                        List.of(), 0, 0),
                new Case("header cut by the next start", 1000, List.of(start(Arrays.copyOf(video, 7)), start(audio)),
                        List.of("S 1 4294967301 4294967301", "D " + HEX, "E"), 1, 0),
                new Case("unbounded PES over the cap", 20,
                        List.of(start(video), cont(DATA), cont(DATA), cont(DATA), start(audio)),
                        List.of("S 0 9000 5400", "D " + HEX + HEX, "E", "S 4 4294967301 4294967301", "D " + HEX, "E"), 0, 1),
                new Case("bounded PES over the cap is refused at its header", 7, List.of(start(audio), cont(DATA)),
                        List.of(), 0, 1),
                new Case("continuation before any start", 1000, List.of(cont(DATA), cont(video)), List.of(), 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void assemble(Case c) {
        DemuxCounters counters = new DemuxCounters();
        Log log = new Log();
        PesAssembler a = new PesAssembler(log, counters, c.cap());
        long index = 0;
        for (Unit u : c.units()) {
            a.payload(u.bytes(), 0, u.bytes().length, u.start(), index++);
        }
        assertEquals(c.events(), log.events);
        assertEquals(c.pesErrors(), counters.pesErrors, "PES errors");
        assertEquals(c.oversize(), counters.oversizePes, "oversize");
    }

    /** The header may be split anywhere across packets, the outcome is the same. */
    @Test
    void headerSplitAtEveryByte() {
        byte[] pes = TsBuilder.pes(0xE0, 123456789, 123450000, DATA, false);
        for (int cut = 1; cut < pes.length; cut++) {
            DemuxCounters counters = new DemuxCounters();
            Log log = new Log();
            PesAssembler a = new PesAssembler(log, counters, 1000);
            a.payload(pes, 0, cut, true, 7);
            a.payload(pes, cut, pes.length, false, 8);
            a.abort();
            a.payload(DATA, 0, DATA.length, false, 9); // dropped: no PES open after abort
            assertEquals(List.of("S 7 123456789 123450000", "D " + HEX, "E"), log.events, "cut at " + cut);
            assertEquals(0, counters.pesErrors);
        }
    }

    @Test
    void hasOptionalHeader() {
        for (int id : new int[] {0xBC, 0xBE, 0xBF, 0xF0, 0xF1, 0xF2, 0xF8, 0xFF, 0x00, 0xBB}) {
            assertEquals(false, PesAssembler.hasOptionalHeader(id), "0x" + Integer.toHexString(id));
        }
        for (int id : new int[] {0xBD, 0xC0, 0xDF, 0xE0, 0xEF, 0xFA, 0xFD}) {
            assertEquals(true, PesAssembler.hasOptionalHeader(id), "0x" + Integer.toHexString(id));
        }
    }
}
