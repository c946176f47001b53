package org.openstreamer.connector.demux.ts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstreamer.connector.demux.nal.BitWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstreamer.connector.demux.ts.TsBuilder.Es;

/** PAT/PMT handling and track description, on small synthetic streams. */
class TsDemuxerPsiTest {

    private static final int PMT = 0x1000;

    private static RecordingListener run(TsBuilder b) {
        return RecordingListener.demux(b.bytes());
    }

    record Row(String name, Es es, TsTrack.Kind kind, String codec, String language) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> streamTypes() {
        byte[] ac3Registration = {0x05, 4, 'A', 'C', '-', '3'};
        byte[] otherRegistration = {0x05, 4, 'H', 'E', 'V', 'C'};
        byte[] dvbAc3 = {0x6A, 1, 0};
        byte[] ac3AndLanguage = {0x6A, 1, 0, 0x0A, 4, 'F', 'R', 'A', 0};
        return Stream.of(
                new Row("H.264", new Es(0x1B, 0x100), TsTrack.Kind.VIDEO, "h264", null),
                new Row("H.265", new Es(0x24, 0x100), TsTrack.Kind.VIDEO, "h265", null),
                new Row("AAC ADTS with language", new Es(0x0F, 0x101, TsBuilder.language("eng")), TsTrack.Kind.AUDIO,
                        "aac", "eng"),
                new Row("MPEG-1 audio", new Es(0x03, 0x101), TsTrack.Kind.AUDIO, "mp3", null),
                new Row("MPEG-2 audio", new Es(0x04, 0x101), TsTrack.Kind.AUDIO, "mp3", null),
                new Row("ATSC AC-3", new Es(0x81, 0x101), TsTrack.Kind.AUDIO, "ac3", null),
                new Row("DVB AC-3 descriptor", new Es(0x06, 0x101, dvbAc3), TsTrack.Kind.AUDIO, "ac3", null),
                new Row("AC-3 descriptor after language", new Es(0x06, 0x101, ac3AndLanguage), TsTrack.Kind.AUDIO, "ac3", "fra"),
                new Row("AC-3 registration", new Es(0x06, 0x101, ac3Registration), TsTrack.Kind.AUDIO, "ac3", null),
                new Row("private data, other registration", new Es(0x06, 0x101, otherRegistration),
                        TsTrack.Kind.OTHER, "unknown", null),
                new Row("private data", new Es(0x06, 0x101), TsTrack.Kind.OTHER, "unknown", null),
                new Row("LATM AAC", new Es(0x11, 0x101), TsTrack.Kind.OTHER, "unknown", null),
                new Row("MPEG-2 video", new Es(0x02, 0x101), TsTrack.Kind.OTHER, "unknown", null),
                new Row("bad language bytes", new Es(0x0F, 0x101, new byte[] {0x0A, 4, 1, 2, 3, 0}),
                        TsTrack.Kind.AUDIO, "aac", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamTypes")
    void streamTypesAndDescriptors(Row r) {
        RecordingListener l = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT))
                .section(PMT, TsBuilder.pmt(1, 0, r.es().pid(), r.es())));
        assertEquals(List.of(new TsTrack(0, r.es().pid(), r.es().type(), r.kind(), r.codec(), 0, 0, 0, 0, r.language())),
                l.lastTracks());
        assertEquals(1, l.trackLists.size());
    }

    @Test
    void repeatedPmtIsAnnouncedOnceAndNewVersionsAgain() {
        byte[] v0 = TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100), new Es(0x0F, 0x101));
        byte[] v1 = TsBuilder.pmt(1, 1, 0x100, new Es(0x1B, 0x100), new Es(0x0F, 0x101));
        byte[] v2 = TsBuilder.pmt(1, 2, 0x100, new Es(0x1B, 0x100));
        TsBuilder b = new TsBuilder();
        for (byte[] pmt : new byte[][] {v0, v0, v0, v1, v1, v2, v2}) {
            b.section(0, TsBuilder.pat(1, PMT)).section(PMT, pmt);
        }
        RecordingListener l = run(b);
        assertEquals(3, l.trackLists.size(), "v0, v1 (same streams, new version), v2");
        assertEquals(l.trackLists.get(0), l.trackLists.get(1));
        assertEquals(1, l.trackLists.get(2).size());
    }

    @Test
    void sectionStreamsAreListedButNotReadAsPes() {
        byte[] splice = TsBuilder.section(0xFC, 0, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] id3 = TsBuilder.pes(0xBD, 9000, -1, new byte[] {'I', 'D', '3', 4, 0}, true);
        RecordingListener l = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT))
                .section(PMT, TsBuilder.pmt(1, 0, 0x100, new Es(0x86, 0x1F0), new Es(0x15, 0x1F1)))
                .section(0x1F0, splice).section(0x1F0, splice).pes(0x1F1, id3).pes(0x1F1, id3));
        assertEquals(List.of("unknown", "unknown"), l.lastTracks().stream().map(TsTrack::codec).toList());
        assertEquals(0, l.stats.pesErrors(), "SCTE-35 sections are not PES errors");
        assertEquals(List.of(0x1F1, 0x1F1), l.frames.stream().map(f -> f.track().pid()).toList(),
                "PES of other streams are reported at their start");
        assertEquals(List.of(0L, 10L), l.stats.tracks().stream().map(TsTrackStats::bytes).toList());
    }

    @Test
    void patAndPmtPacketsAreHandedOnAtEachRepetitionWithTheirCounters() {
        TsBuilder b = new TsBuilder();
        byte[] pmt = TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100));
        b.section(0, TsBuilder.pat(1, PMT));
        RecordingListener alone = run(b);
        assertEquals(0, alone.tables.size(), "nothing before the PMT");

        b.section(PMT, pmt).section(0, TsBuilder.pat(1, PMT)).section(PMT, pmt);
        byte[] ts = b.bytes();
        RecordingListener l = run(b);
        assertEquals(3, l.tables.size(), "after the first PMT, then at each PAT and PMT");
        byte[] last = l.tables.get(2);
        assertArrayEquals(java.util.Arrays.copyOfRange(ts, 2 * 188, 3 * 188), java.util.Arrays.copyOf(last, 188),
                "the second PAT as sent, counter 1");
        assertArrayEquals(java.util.Arrays.copyOfRange(ts, 3 * 188, 4 * 188), java.util.Arrays.copyOfRange(last, 188, 376));
    }

    @Test
    void tablesWithBadCrcOrSpanningPacketsAreNotHandedOn() {
        byte[] pmt = TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100));
        byte[] broken = pmt.clone();
        broken[14] ^= 0x10;
        RecordingListener bad = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT)).section(PMT, broken));
        assertEquals(0, bad.tables.size(), "a PMT with a bad CRC");

        List<Es> streams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            streams.add(new Es(0x0F, 0x200 + i, new byte[] {0x0A, 20, 'd', 'e', 'u', 0, 'e', 'n', 'g', 0,
                'f', 'r', 'a', 0, 'i', 't', 'a', 0, 's', 'p', 'a', 0}));
        }
        byte[] big = TsBuilder.pmt(1, 0, 0x1FFF, streams.toArray(new Es[0]));
        RecordingListener spanning = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT)).section(PMT, big));
        assertEquals(20, spanning.lastTracks().size(), "read, but not handed on as a packet");
        assertEquals(0, spanning.tables.size());
    }

    @Test
    void badCrcIsIgnoredAndCounted() {
        byte[] pmt = TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100));
        byte[] broken = pmt.clone();
        broken[14] ^= 0x10; // the stream's PID
        RecordingListener l = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT)).section(PMT, broken)
                .section(PMT, broken).section(PMT, pmt));
        assertEquals(2, l.stats.badCrcSections());
        assertEquals(1, l.trackLists.size());
        assertEquals(0x100, l.lastTracks().get(0).pid());
    }

    @Test
    void aPmtSpanningThreePacketsIsRead() {
        List<Es> streams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            streams.add(new Es(0x0F, 0x200 + i, new byte[] {0x0A, 20, 'd', 'e', 'u', 0, 'e', 'n', 'g', 0,
                'f', 'r', 'a', 0, 'i', 't', 'a', 0, 's', 'p', 'a', 0}));
        }
        byte[] pmt = TsBuilder.pmt(1, 0, 0x1FFF, streams.toArray(new Es[0]));
        assertTrue(pmt.length > 2 * 184);
        RecordingListener l = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT)).section(PMT, pmt));
        assertEquals(20, l.lastTracks().size());
        assertEquals("deu", l.lastTracks().get(19).language());
        assertEquals(19, l.lastTracks().get(19).index());
    }

    @Test
    void tracksBeyondTheLimitAreIgnored() {
        List<Es> streams = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            streams.add(new Es(0x0F, 0x200 + i));
        }
        RecordingListener l = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT))
                .section(PMT, TsBuilder.pmt(1, 0, 0x200, streams.toArray(new Es[0]))));
        assertEquals(TsDemuxerLimits.DEFAULTS.maxTracks(), l.lastTracks().size());
    }

    @Test
    void reservedAndDuplicatePidsAndOtherProgramsAreSkipped() {
        byte[] otherProgram = TsBuilder.pmt(2, 0, 0x100, new Es(0x1B, 0x300));
        byte[] pmt = TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x0005), new Es(0x1B, PMT), new Es(0x1B, 0x1FFF),
                new Es(0x1B, 0x100), new Es(0x0F, 0x100), new Es(0x0F, 0x101));
        RecordingListener l = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT)).section(PMT, otherProgram)
                .section(PMT, pmt));
        assertEquals(1, l.trackLists.size());
        assertEquals(List.of(0x100, 0x101), l.lastTracks().stream().map(TsTrack::pid).toList());
        assertEquals("h264", l.lastTracks().get(0).codec());
    }

    @Test
    void aPatNamingAnotherPmtPidIsFollowed() {
        RecordingListener l = run(new TsBuilder()
                .section(0, TsBuilder.pat(1, PMT)).section(PMT, TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100)))
                .section(0, TsBuilder.pat(7, 0x1100)).section(PMT, TsBuilder.pmt(1, 1, 0x100, new Es(0x24, 0x100)))
                .section(0x1100, TsBuilder.pmt(7, 0, 0x120, new Es(0x0F, 0x120))));
        assertEquals(2, l.trackLists.size(), "the old PMT PID is no longer read");
        assertEquals(List.of(0x120), l.lastTracks().stream().map(TsTrack::pid).toList());
    }

    @Test
    void malformedSectionsAreCounted() {
        byte[] tooLong = TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100));
        tooLong[1] = (byte) 0xB3;
        tooLong[2] = (byte) 0xFF; // section_length 1023
        byte[] pointerPastEnd = new byte[188];
        pointerPastEnd[0] = 0x47;
        pointerPastEnd[1] = 0x40 | (PMT >> 8);
        pointerPastEnd[3] = 0x10;
        pointerPastEnd[4] = (byte) 200;
        byte[] loopOverrun = TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100, new byte[] {0x0A, 9, 'e', 'n', 'g', 0}));
        RecordingListener l = run(new TsBuilder().section(0, TsBuilder.pat(1, PMT)).section(PMT, tooLong)
                .raw(pointerPastEnd).section(PMT, loopOverrun));
        assertEquals(3, l.stats.psiErrors());
        assertEquals(0, l.trackLists.size());
    }

    /** A baseline SPS for {@code w x h} (multiples of 16). */
    static byte[] sps(int w, int h) {
        byte[] rbsp = new BitWriter().bits(66, 8).bits(0, 8).bits(30, 8).ue(0).ue(0).ue(2).ue(1).flag(false)
                .ue(w / 16 - 1).ue(h / 16 - 1).flag(true).flag(true).flag(false).flag(false).rbsp();
        return BitWriter.nal(new byte[] {0x67}, rbsp);
    }

    static byte[] annexB(byte[]... nals) {
        List<Byte> out = new ArrayList<>();
        for (byte[] nal : nals) {
            for (byte b : new byte[] {0, 0, 0, 1}) {
                out.add(b);
            }
            for (byte b : nal) {
                out.add(b);
            }
        }
        byte[] a = new byte[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    @Test
    void codecParametersComeBeforeTheFrameThatCarriesThem() {
        byte[] idr = {0x65, (byte) 0x88, 0x40, 0x11};
        byte[] slice = {0x41, (byte) 0x9A, 0x20};
        TsBuilder b = new TsBuilder().section(0, TsBuilder.pat(1, PMT))
                .section(PMT, TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100), new Es(0x0F, 0x101)))
                .pes(0x100, TsBuilder.pes(0xE0, 9000, -1, annexB(sps(320, 240), new byte[] {0x68, (byte) 0xCE}, idr), false))
                .pes(0x101, TsBuilder.pes(0xC0, 9000, -1, TsBuilder.adts(3, 2, 300), true))
                .pes(0x100, TsBuilder.pes(0xE0, 12600, -1, annexB(slice), false))
                .pes(0x101, TsBuilder.pes(0xC0, 10920, -1, TsBuilder.adts(3, 2, 300), true))
                .pes(0x100, TsBuilder.pes(0xE0, 16200, -1, annexB(sps(640, 480), idr), false))
                .pes(0x100, TsBuilder.pes(0xE0, 19800, -1, annexB(sps(640, 480), slice), false))
                .pes(0x101, TsBuilder.pes(0xC0, 12840, -1, TsBuilder.adts(6, 1, 300), true));
        RecordingListener l = run(b);
        List<String> kinds = l.events.stream().filter(e -> !e.startsWith("P")).map(e -> e.substring(0, 1)).toList();
        assertEquals(List.of("T", "T", "F", "T", "F", "F", "F", "T", "F", "F", "T", "F"), kinds, String.join("\n", l.events));
        assertEquals(List.of(true, true, false, true, true, false, true),
                l.frames.stream().map(RecordingListener.Frame::keyframe).toList());
        assertEquals(640, l.lastTracks().get(0).width());
        assertEquals(480, l.lastTracks().get(0).height());
        assertEquals(24000, l.lastTracks().get(1).sampleRate());
        assertEquals(1, l.lastTracks().get(1).channels());
        assertEquals(List.of(320, 320, 640, 640), l.frames.stream().filter(f -> f.track().kind() == TsTrack.Kind.VIDEO)
                .map(f -> f.track().width()).toList(), "each frame carries the track as it was then");
    }

    @Test
    void aTimeBaseDiscontinuityOnThePcrPidIsHonoured() {
        TsBuilder b = new TsBuilder().section(0, TsBuilder.pat(1, PMT))
                .section(PMT, TsBuilder.pmt(1, 0, 0x100, new Es(0x1B, 0x100)));
        byte[] slice = annexB(new byte[] {0x41, (byte) 0x9A});
        for (int i = 0; i < 5; i++) {
            b.pes(0x100, TsBuilder.pes(0xE0, 900_000 + i * 3600L, -1, slice, false));
        }
        // the time base goes back 1 s: within the tolerated jitter, but announced
        b.pesAfterDiscontinuity(0x100, TsBuilder.pes(0xE0, 810_000, -1, slice, false));
        b.pes(0x100, TsBuilder.pes(0xE0, 813_600, -1, slice, false));
        RecordingListener l = run(b);
        List<Long> dts = l.frames.stream().map(RecordingListener.Frame::dts).toList();
        assertEquals(List.of(900_000L, 903_600L, 907_200L, 910_800L, 914_400L, 918_000L, 921_600L), dts);
        assertEquals(0, l.stats.ccErrors());
        assertEquals(1, l.stats.timestampDiscontinuities());
    }
}
