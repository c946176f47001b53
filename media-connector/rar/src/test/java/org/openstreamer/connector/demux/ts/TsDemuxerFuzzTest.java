package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.fuzz.MutationFuzzer;

import java.util.Arrays;

/**
 * Arbitrary bytes into {@link TsDemuxer}, cut into feeds at places taken from the input: the demuxer
 * never throws for bad input (it counts the damage), hands on only whole packets with a sync byte and
 * the PID it names ({@link RecordingListener} checks that), and ends each input within the timeout.
 */
class TsDemuxerFuzzTest {

    private static final int VIDEO = 0x100;
    private static final int AUDIO = 0x101;
    private static final int PMT = 0x1000;

    private static final TsDemuxerLimits TIGHT =
            new TsDemuxerLimits(512, 64, 64, 1, 0, 90_000L, 90_000L);

    static byte[] stream() {
        byte[] frame = new byte[400];
        Arrays.fill(frame, (byte) 0x22);
        frame[0] = 0;
        frame[1] = 0;
        frame[2] = 1;
        frame[3] = 0x65; // an IDR slice
        return new TsBuilder().section(0, TsBuilder.pat(1, PMT))
                .section(PMT, TsBuilder.pmt(1, 0, VIDEO, new TsBuilder.Es(0x1B, VIDEO),
                        new TsBuilder.Es(0x0F, AUDIO, TsBuilder.language("eng"))))
                .pes(VIDEO, TsBuilder.pes(0xE0, 90000, 87000, frame, false))
                .pes(AUDIO, TsBuilder.pes(0xC0, 90000, 90000, TsBuilder.adts(4, 2, 30), true))
                .pes(VIDEO, TsBuilder.pes(0xE0, 93000, 90000, frame, false))
                .bytes();
    }

    @Test
    void arbitraryBytesAreCountedNotThrown() {
        fuzzer().run(TsDemuxerFuzzTest::demux);
    }

    /** The corpus, the seeds and the rules (shared with {@link TsDemuxerJazzerTest}). */
    static MutationFuzzer fuzzer() {
        return new MutationFuzzer("ts-demuxer").seed(stream()).maxLength(64 * 1024);
    }

    /** The target (also of {@link TsDemuxerJazzerTest}): returns a signature of what the input did. */
    static String demux(byte[] input) {
        // every other input with tight limits, so that the oversize, track and jump paths are reached
        boolean tight = input.length % 2 == 1;
        TsDemuxer demuxer = new TsDemuxer(new RecordingListener(), tight ? TIGHT : TsDemuxerLimits.DEFAULTS);
        int step = 1 + (input.length == 0 ? 0 : (input[input.length / 2] & 0xFF)) * 3;
        for (int off = 0; off < input.length; off += step) {
            demuxer.feed(input, off, Math.min(step, input.length - off));
        }
        demuxer.flush();
        TsDemuxStats s = demuxer.stats();
        return tight + "/" + s.oversizePes() + "/" + s.timestampDiscontinuities() + "/" + s.syncLosses() + "/" + s.ccErrors() + "/" + s.psiErrors() + "/" + s.pesErrors() + "/"
                + demuxer.tracks().size();
    }
}
