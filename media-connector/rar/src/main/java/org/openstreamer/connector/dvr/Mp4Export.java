package org.openstreamer.connector.dvr;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

/**
 * Archived MPEG-TS segments remuxed into one MP4 with FFmpeg's libraries, without re-encoding:
 * packets are copied, their timestamps laid end to end so that gaps and the jumps between
 * recordings close up, and the {@code moov} box goes to the front ({@code +faststart}) so that the
 * file plays while it downloads. The exact cut keeps the frames before the start (a decoder needs
 * them from the keyframe on) with negative timestamps: the MP4 muxer turns them into an edit list,
 * and players start at the asked instant. A segment FFmpeg cannot read is left out.
 */
public final class Mp4Export {

    /** What was written. */
    public record Result(long bytes, long durationMillis) {
    }

    private static final AVRational MICROS = av_make_q(1, 1_000_000);
    private static final int HVC1 = 'h' | 'v' << 8 | 'c' << 16 | '1' << 24;

    private Mp4Export() {
    }

    /**
     * Writes {@code segments} (in time order) overlapping {@code [fromMillis, toMillis)} to
     * {@code out}: whole segments, or exactly the range with {@code precise}.
     */
    public static Result export(List<ArchiveSegment> segments, long fromMillis, long toMillis, boolean precise, Path out)
            throws IOException {
        List<ArchiveSegment> used = segments.stream()
                .filter(s -> s.startMillis() < toMillis && s.startMillis() + s.durationMillis() > fromMillis).toList();
        if (used.isEmpty()) {
            throw new IOException("no archive between " + fromMillis / 1000 + " and " + toMillis / 1000);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try {
            long written = new Writer(tmp, precise ? (used.get(0).startMillis() - fromMillis) * 1000 : 0,
                    precise ? (toMillis - fromMillis) * 1000 : Long.MAX_VALUE).write(used);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(Files.size(out), written / 1000);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One export: the output context and where each output stream stands. */
    private static final class Writer {
        private final Path file;
        /** Output time (µs) of the first segment's first frame: negative for an exact cut's pre-roll. */
        private final long firstOffset;
        private final long endMicros;
        private AVFormatContext output;
        private final List<Integer> kinds = new ArrayList<>(); // media type of each output stream
        private long[] lastDts;
        private long endWritten;

        Writer(Path file, long firstOffset, long endMicros) {
            this.file = file;
            this.firstOffset = firstOffset;
            this.endMicros = endMicros;
        }

        /** Returns the output's duration in µs. */
        long write(List<ArchiveSegment> segments) throws IOException {
            AVPacket packet = av_packet_alloc();
            try {
                long base = firstOffset;
                for (ArchiveSegment s : segments) {
                    if (base >= endMicros) {
                        break;
                    }
                    if (copy(s, base, packet)) {
                        base += s.durationMillis() * 1000;
                    }
                }
                if (output == null) {
                    throw new IOException("none of the " + segments.size() + " archive segments could be read");
                }
                check(av_write_trailer(output), "finishing the MP4");
                return endWritten;
            } finally {
                av_packet_free(packet);
                if (output != null) {
                    if (output.pb() != null) {
                        avio_closep(output.pb());
                    }
                    avformat_free_context(output);
                }
            }
        }

        /** Copies one segment's packets, its first frame at {@code base} µs; false when it cannot be read. */
        private boolean copy(ArchiveSegment s, long base, AVPacket packet) throws IOException {
            AVFormatContext in = new AVFormatContext(null);
            if (avformat_open_input(in, s.file().toString(), null, null) < 0) {
                return false;
            }
            try {
                if (avformat_find_stream_info(in, (AVDictionary) null) < 0) {
                    return false;
                }
                int[] map = map(in);
                if (map == null) {
                    return false;
                }
                long zero = in.start_time() == AV_NOPTS_VALUE ? 0 : in.start_time();
                while (av_read_frame(in, packet) >= 0) {
                    try {
                        int target = packet.stream_index() < map.length ? map[packet.stream_index()] : -1;
                        if (target >= 0 && packet.dts() != AV_NOPTS_VALUE) {
                            write(packet, in.streams(packet.stream_index()).time_base(), target, base - zero);
                        }
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                return true;
            } finally {
                avformat_close_input(in);
            }
        }

        /**
         * The output stream of each input stream (-1 to leave it out). The first readable segment
         * makes the output's streams (its video and audio); later ones map by kind and order.
         */
        private int[] map(AVFormatContext in) throws IOException {
            int n = in.nb_streams();
            int[] map = new int[n];
            int[] seen = new int[2];
            boolean create = output == null;
            if (create) {
                AVFormatContext ctx = new AVFormatContext(null);
                check(avformat_alloc_output_context2(ctx, null, "mp4", file.toString()), "opening the MP4 muxer");
                output = ctx;
            }
            for (int i = 0; i < n; i++) {
                AVStream s = in.streams(i);
                int type = s.codecpar().codec_type();
                map[i] = -1;
                if (type != AVMEDIA_TYPE_VIDEO && type != AVMEDIA_TYPE_AUDIO) {
                    continue; // data, subtitles, SCTE-35: not for this MP4
                }
                int k = seen[type == AVMEDIA_TYPE_VIDEO ? 0 : 1]++;
                if (create) {
                    AVStream o = avformat_new_stream(output, null);
                    check(avcodec_parameters_copy(o.codecpar(), s.codecpar()), "copying the codec parameters");
                    // hvc1 rather than FFmpeg's default hev1 for H.265: Safari plays only hvc1.
                    o.codecpar().codec_tag(s.codecpar().codec_id() == AV_CODEC_ID_HEVC ? HVC1 : 0);
                    o.time_base(s.time_base());
                    kinds.add(type);
                    map[i] = kinds.size() - 1;
                } else {
                    map[i] = nth(type, k);
                }
            }
            if (create) {
                if (kinds.isEmpty()) {
                    avformat_free_context(output);
                    output = null;
                    return null;
                }
                open();
            }
            return map;
        }

        private int nth(int type, int k) {
            for (int i = 0, seen = 0; i < kinds.size(); i++) {
                if (kinds.get(i) == type && seen++ == k) {
                    return i;
                }
            }
            return -1;
        }

        private void open() throws IOException {
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "creating " + file);
            output.pb(pb);
            AVDictionary options = new AVDictionary(null);
            av_dict_set(options, "movflags", "+faststart", 0);
            try {
                check(avformat_write_header(output, options), "writing the MP4 header");
            } finally {
                av_dict_free(options);
            }
            lastDts = new long[kinds.size()];
            java.util.Arrays.fill(lastDts, Long.MIN_VALUE);
        }

        /** Moves a packet by {@code shift} µs into the output's time base and writes it, keeping DTS increasing. */
        private void write(AVPacket packet, AVRational inBase, int target, long shift) throws IOException {
            AVRational outBase = output.streams(target).time_base();
            long ptsIn = packet.pts() == AV_NOPTS_VALUE ? packet.dts() : packet.pts();
            long ptsMicros = av_rescale_q(ptsIn, inBase, MICROS) + shift;
            if (ptsMicros >= endMicros) {
                return; // an exact cut's end
            }
            long dtsMicros = av_rescale_q(packet.dts(), inBase, MICROS) + shift;
            long dts = av_rescale_q(dtsMicros, MICROS, outBase);
            long pts = av_rescale_q(ptsMicros, MICROS, outBase);
            if (dts <= lastDts[target]) { // the seam between two segments: a tick later, never back in time
                long bump = lastDts[target] + 1 - dts;
                dts += bump;
                pts += bump;
            }
            lastDts[target] = dts;
            packet.dts(dts);
            packet.pts(Math.max(pts, dts));
            packet.duration(av_rescale_q(packet.duration(), inBase, outBase));
            packet.stream_index(target);
            packet.pos(-1);
            long end = av_rescale_q(packet.pts() + packet.duration(), outBase, MICROS);
            endWritten = Math.max(endWritten, end);
            check(av_interleaved_write_frame(output, packet), "writing a packet");
        }

        private static void check(int ret, String what) throws IOException {
            if (ret < 0) {
                BytePointer buf = new BytePointer(256);
                av_strerror(ret, buf, 256);
                throw new IOException(what + ": " + buf.getString());
            }
        }
    }
}
