package org.openstreamer.connector.ingest.hls;

import org.openstreamer.connector.ingest.pull.PullClients;
import org.openstreamer.connector.ingest.pull.PullUrl;
import org.openstreamer.connector.ingest.pull.TsInput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code hls2://HOST[:PORT]/PATH.m3u8} ({@code hlss2://} over HTTPS): a multi-bitrate HLS source
 * taken whole. Each variant of the master playlist is followed as {@code hls://} follows one (the
 * same stalled check, reload pace and failures, see {@link HlsTsInput}); their MPEG-TS is merged
 * into one program in which every variant's video is a track of its own, so the stream's HLS output
 * offers them again as variants. The variants are kept side by side by their timestamps: a packet
 * goes out once every variant has been read up to its time, and the variant read next is always
 * the one furthest behind. A variant that stalls fails the source with that variant's reason.
 */
public final class HlsVariantsInput implements TsInput {

    /** More variants than this are not taken (the best ones are). */
    static final int MAX_VARIANTS = 6;
    /** Variants whose clocks are further apart than this do not come from one encoder. */
    static final long MAX_SKEW = 30 * 90_000L;
    /** What may wait for the other variants, per variant. */
    static final int MAX_QUEUED = 16 * 1024 * 1024;

    private static final int SIZE = 188;

    private final String url;
    private final List<VariantPackets> variants;
    private CombinedProgram program;
    private boolean tablesSent;

    HlsVariantsInput(String url, List<VariantPackets> variants) {
        this.url = url;
        this.variants = new ArrayList<>(variants);
    }

    public static HlsVariantsInput open(PullUrl url) throws IOException {
        HlsPlaylist master = HlsTsInput.fetch(url);
        List<PullUrl> media = new ArrayList<>();
        if (master.isMaster()) {
            for (HlsPlaylist.Variant v : master.variants()) {
                if (media.size() < MAX_VARIANTS) {
                    media.add(HlsTsInput.pullUrl(url, v.uri()));
                }
            }
        } else {
            media.add(url); // a media playlist: its one variant
        }
        VariantPackets.Clock clock = new VariantPackets.Clock();
        List<VariantPackets> opened = new ArrayList<>();
        try {
            for (PullUrl m : media) {
                opened.add(new VariantPackets(opened.size(), m.url(), HlsTsInput.open(m), clock, MAX_QUEUED));
            }
        } catch (IOException | RuntimeException e) {
            for (VariantPackets v : opened) {
                v.close();
            }
            throw e;
        }
        return new HlsVariantsInput(url.url(), opened);
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len < 2 * SIZE) {
            throw new IllegalArgumentException("read at least two packets at a time");
        }
        while (true) {
            int n = drain(buf, off, len);
            if (n > 0) {
                return n;
            }
            VariantPackets next = behind();
            if (next == null) {
                return -1; // every variant ended and everything went out
            }
            if (next.fill() == 0) {
                return 0; // the puller checks its timeouts meanwhile
            }
        }
    }

    /** The variant to read next: one whose tracks are not known yet, else the one furthest behind; null when all ended. */
    private VariantPackets behind() {
        VariantPackets best = null;
        for (VariantPackets v : variants) {
            if (v.ended()) {
                continue;
            }
            if (!v.ready()) {
                return v;
            }
            if (best == null || v.horizon() < best.horizon()) {
                best = v;
            }
        }
        return best;
    }

    /** Moves the packets every variant has been read past into {@code buf}, oldest first. */
    private int drain(byte[] buf, int off, int len) throws IOException {
        if (program == null && !start()) {
            return 0;
        }
        int w = off;
        if (!tablesSent) {
            program.writeTables(buf, w);
            w += 2 * SIZE;
            tablesSent = true;
        }
        long limit = Long.MAX_VALUE;
        for (VariantPackets v : variants) {
            if (!v.ended()) {
                limit = Math.min(limit, v.horizon());
            }
        }
        while (w + 2 * SIZE <= off + len) {
            VariantPackets from = null;
            for (VariantPackets v : variants) {
                PacketQueue q = v.queue();
                if (!q.isEmpty() && q.headTag() <= limit && (from == null || q.headTag() < from.queue().headTag())) {
                    from = v;
                }
            }
            if (from == null) {
                break;
            }
            from.queue().take(buf, w);
            if ((buf[w + 1] & 0x1F) == 0 && buf[w + 2] == 0) {
                program.writeTables(buf, w); // the first variant's PAT: the combined tables in its place
                w += 2 * SIZE;
            } else {
                w += SIZE;
            }
        }
        return w - off;
    }

    /**
     * Once every variant's tracks and first timestamp are known: the combined program (variants
     * that bring nothing, such as an audio-only one, are let go); false while some are missing.
     */
    private boolean start() throws IOException {
        for (VariantPackets v : variants) {
            if (!v.ready() && !v.ended()) {
                return false;
            }
        }
        for (Iterator<VariantPackets> i = variants.iterator(); i.hasNext(); ) {
            VariantPackets v = i.next();
            if (!v.ready() || v.tracks().isEmpty()) {
                v.close();
                i.remove();
            }
        }
        if (variants.isEmpty() || variants.get(0).index != 0) {
            throw new IOException("the first variant of the HLS source " + url + " brought no program");
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (VariantPackets v : variants) {
            if (v.horizon() == VariantPackets.NONE) {
                if (!v.ended()) {
                    return false; // its first timestamp tells whether the clocks agree
                }
                continue;
            }
            min = Math.min(min, v.horizon());
            max = Math.max(max, v.horizon());
        }
        if (max - min > MAX_SKEW) {
            throw new IOException("the variants of the HLS source " + url + " have timestamps " + (max - min) / 90_000
                    + " s apart: hls2:// takes variants cut from one encoder's clock");
        }
        program = CombinedProgram.of(variants);
        return true;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (VariantPackets v : variants) {
            try {
                v.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
