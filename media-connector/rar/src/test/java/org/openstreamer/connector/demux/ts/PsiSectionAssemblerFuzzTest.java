package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;

/**
 * Arbitrary packet payloads into {@link PsiSectionAssembler}, and whatever sections come out into
 * the PAT and PMT parsers: nothing throws, sections stay within their limit.
 */
class PsiSectionAssemblerFuzzTest {

    @Test
    void arbitraryPayloadsAreCountedNotThrown() {
        payloadFuzzer().run(PsiSectionAssemblerFuzzTest::payloads);
    }

    /**
     * Section bodies with section_length and CRC_32 made right, so mutants get past the CRC check
     * and into the PAT and PMT parsers, as the demuxer calls them.
     */
    @Test
    void sectionsWithAValidCrcReachTheTableParsers() {
        sectionFuzzer().run(PsiSectionAssemblerFuzzTest::sections);
    }

    /** The payload corpus, seeds and rules (shared with {@link PsiSectionAssemblerJazzerTest}). */
    static MutationFuzzer payloadFuzzer() {
        return new MutationFuzzer("psi-assembler")
                .seed(PayloadFrames.frame(TsBuilder.pat(1, 0x1000), true))
                .seed(PayloadFrames.frame(PsiSectionAssemblerTest.SMALL, true))
                .seed(PayloadFrames.frame(TsBuilder.pmt(1, 0, 0x100, new TsBuilder.Es(0x1B, 0x100),
                        new TsBuilder.Es(0x0F, 0x101, TsBuilder.language("eng"))), true));
    }

    /** The section corpus, seeds and rules (shared with {@link PsiSectionAssemblerJazzerTest}). */
    static MutationFuzzer sectionFuzzer() {
        return new MutationFuzzer("psi-sections")
                .seed(TsBuilder.pat(1, 0x1000))
                .seed(PsiSectionAssemblerTest.SMALL)
                .seed(TsBuilder.pmt(1, 0, 0x100, new TsBuilder.Es(0x1B, 0x100),
                        new TsBuilder.Es(0x06, 0x102, (byte) 0x6A, (byte) 1, (byte) 0)));
    }

    /** Payload target: framed packet payloads into the assembler; returns a signature. */
    static String payloads(byte[] input) {
        DemuxCounters counters = new DemuxCounters();
        int[] sections = new int[1];
        PsiSectionAssembler a = new PsiSectionAssembler((section, length) -> {
            if (length < 0 || length > section.length || length > PsiSectionAssembler.MAX_SECTION_LENGTH + 3) {
                throw new AssertionError("section of " + length + " bytes");
            }
            sections[0]++;
        }, counters);
        PayloadFrames.split(input, p -> a.payload(p.buf(), p.from(), p.to(), p.unitStart()));
        return sections[0] + "/" + counters.badCrcSections + "/" + counters.psiErrors;
    }

    /** Section target: the input made a section with a valid CRC, into the PAT and PMT parsers. */
    static String sections(byte[] input) {
        byte[] section = withValidCrc(input);
        DemuxCounters counters = new DemuxCounters();
        StringBuilder signature = new StringBuilder();
        PsiSectionAssembler a = new PsiSectionAssembler((s, length) -> {
            if (s[0] == PatSection.TABLE_ID) {
                signature.append("pat ").append(PatSection.firstProgramMapPid(s, length) >= 0);
            }
            PmtSection pmt = PmtSection.parse(s, length, TsDemuxerLimits.DEFAULTS.maxTracks());
            signature.append(pmt == null ? " -" : " pmt " + pmt.streams().size());
        }, counters);
        PayloadFrames.split(PayloadFrames.frame(section, true),
                p -> a.payload(p.buf(), p.from(), p.to(), p.unitStart()));
        return signature.toString();
    }

    private static byte[] withValidCrc(byte[] input) {
        int length = Math.max(12, Math.min(input.length, PsiSectionAssembler.MAX_SECTION_LENGTH + 3));
        byte[] s = java.util.Arrays.copyOf(input, length);
        int sectionLength = length - 3;
        s[1] = (byte) (0x80 | (s[1] & 0x70) | (sectionLength >> 8));
        s[2] = (byte) sectionLength;
        if (s[0] == (byte) 0xFF) {
            s[0] = 0; // stuffing, not a section
        }
        int crc = Crc32Mpeg2.compute(s, 0, length - 4);
        for (int i = 0; i < 4; i++) {
            s[length - 4 + i] = (byte) (crc >>> (24 - 8 * i));
        }
        return s;
    }
}
