package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PsiSectionAssemblerTest {

    static final byte[] PAT = TsBuilder.pat(1, 0x1000);
    static final byte[] SMALL = TsBuilder.pmt(1, 3, 0x100, new TsBuilder.Es(0x1B, 0x100));
    static final byte[] BIG = big();

    private static byte[] big() {
        List<TsBuilder.Es> es = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            es.add(new TsBuilder.Es(0x0F, 0x200 + i, TsBuilder.language("eng")));
        }
        return TsBuilder.pmt(1, 0, 0x200, es.toArray(new TsBuilder.Es[0]));
    }

    /** One packet's payload and its payload_unit_start_indicator; a null payload means reset(). */
    record Payload(boolean start, byte[] bytes) {
    }

    static Payload start(byte[]... parts) {
        return new Payload(true, cat(parts));
    }

    static Payload cont(byte[]... parts) {
        return new Payload(false, cat(parts));
    }

    static final Payload RESET = new Payload(false, null);

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    static byte[] b(int... v) {
        byte[] a = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = (byte) v[i];
        }
        return a;
    }

    static byte[] ff(int n) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) 0xFF);
        return a;
    }

    static byte[] part(byte[] s, int from, int to) {
        return Arrays.copyOfRange(s, from, to);
    }

    static byte[] corrupt(byte[] s) {
        byte[] c = s.clone();
        c[9] ^= 1;
        return c;
    }

    static byte[] length(byte[] s, int sectionLength) {
        byte[] c = s.clone();
        c[1] = (byte) ((c[1] & 0xF0) | (sectionLength >> 8));
        c[2] = (byte) sectionLength;
        return c;
    }

    record Case(String name, List<Payload> payloads, List<byte[]> sections, long psiErrors, long badCrc) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        int n = BIG.length;
        return Stream.of(
                new Case("one section", List.of(start(b(0), PAT, ff(20))), List.of(PAT), 0, 0),
                new Case("over three packets", List.of(start(b(0), part(BIG, 0, 183)), cont(part(BIG, 183, 367)),
                        cont(part(BIG, 367, n), ff(10))), List.of(BIG), 0, 0),
                new Case("two sections in one packet", List.of(start(b(0), PAT, SMALL, ff(3))), List.of(PAT, SMALL), 0, 0),
                new Case("pointer over the previous section's tail", List.of(start(b(0), part(BIG, 0, 183)),
                        cont(part(BIG, 183, 367)), start(b(n - 367), part(BIG, 367, n), SMALL, ff(2))),
                        List.of(BIG, SMALL), 0, 0),
                new Case("header split after two bytes", List.of(start(b(0), part(PAT, 0, 2)), cont(part(PAT, 2, PAT.length))),
                        List.of(PAT), 0, 0),
                new Case("bad CRC", List.of(start(b(0), corrupt(PAT)), start(b(0), PAT)), List.of(PAT), 0, 1),
                new Case("section_length over 1021", List.of(start(b(0), length(PAT, 1022), ff(10)), start(b(0), PAT)),
                        List.of(PAT), 1, 0),
                new Case("section_length under the header", List.of(start(b(0), length(PAT, 6))), List.of(), 1, 0),
                new Case("section_syntax_indicator 0", List.of(start(b(0, 0, 0x0D), part(PAT, 3, PAT.length))), List.of(), 1, 0),
                new Case("pointer past the payload", List.of(start(b(30), PAT)), List.of(), 1, 0),
                new Case("reset drops the partial section", List.of(start(b(0), part(BIG, 0, 183)), RESET,
                        cont(part(BIG, 183, n))), List.of(), 0, 0),
                new Case("a new start cuts a partial section", List.of(start(b(0), part(BIG, 0, 183)), start(b(0), PAT)),
                        List.of(PAT), 1, 0),
                new Case("continuation without a start", List.of(cont(part(BIG, 183, n)), cont(PAT)), List.of(), 0, 0),
                new Case("stuffing only", List.of(start(b(0), ff(183))), List.of(), 0, 0),
                new Case("empty payload", List.of(start(), cont()), List.of(), 0, 0),
                new Case("sections do not start in a continuation", List.of(start(b(0), PAT), cont(SMALL)), List.of(PAT), 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void assemble(Case c) {
        DemuxCounters counters = new DemuxCounters();
        List<String> got = new ArrayList<>();
        PsiSectionAssembler a = new PsiSectionAssembler((s, len) -> got.add(HexFormat.of().formatHex(s, 0, len)), counters);
        for (Payload p : c.payloads()) {
            if (p.bytes() == null) {
                a.reset();
            } else {
                byte[] packet = new byte[p.bytes().length + 8]; // at an offset inside a bigger array
                System.arraycopy(p.bytes(), 0, packet, 4, p.bytes().length);
                a.payload(packet, 4, 4 + p.bytes().length, p.start());
            }
        }
        assertEquals(c.sections().stream().map(s -> HexFormat.of().formatHex(s)).toList(), got);
        assertEquals(c.psiErrors(), counters.psiErrors, "psi errors");
        assertEquals(c.badCrc(), counters.badCrcSections, "bad CRC");
    }
}
