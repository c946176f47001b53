package org.openstreamer.connector.thumbnails;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

import java.io.IOException;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * One keyframe (an Annex-B access unit whose parameter sets travel in-band, as they do in MPEG-TS)
 * decoded with FFmpeg's H.264/H.265 decoder and encoded as a JPEG with its MJPEG encoder, scaled
 * by swscale to the size asked (the picture's own size when 0). Everything native is freed before
 * returning; a frame FFmpeg cannot decode is an {@link IOException}.
 */
public final class KeyframeJpeg {

    /** JPEG quantizer scale, 2 (best) to 31: 3 keeps text readable at about a tenth of the raw size. */
    private static final int QUALITY = 3;

    private KeyframeJpeg() {
    }

    /** @param codec {@code h264} or {@code h265} */
    public static byte[] encode(byte[] accessUnit, String codec, int width, int height) throws IOException {
        int id = switch (codec) {
            case "h264" -> AV_CODEC_ID_H264;
            case "h265" -> AV_CODEC_ID_HEVC;
            default -> throw new IOException("no thumbnails for " + codec + " video");
        };
        AVFrame picture = decode(accessUnit, id);
        try {
            int w = width > 0 ? width : picture.width();
            int h = height > 0 ? height : picture.height();
            return jpeg(picture, w, h);
        } finally {
            av_frame_free(picture);
        }
    }

    private static AVFrame decode(byte[] accessUnit, int codecId) throws IOException {
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null) {
            throw new IOException("this FFmpeg has no decoder for codec id " + codecId);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            ctx.thread_count(1); // one picture: threads would only add start-up work
            check(avcodec_open2(ctx, codec, (AVDictionary) null), "opening the decoder");
            check(av_new_packet(packet, accessUnit.length), "allocating a packet");
            packet.data().put(accessUnit, 0, accessUnit.length);
            check(avcodec_send_packet(ctx, packet), "decoding the keyframe");
            check(avcodec_send_packet(ctx, null), "flushing the decoder"); // a picture held for reordering comes out
            check(avcodec_receive_frame(ctx, frame), "decoding the keyframe");
            AVFrame out = frame;
            frame = null;
            return out;
        } finally {
            if (frame != null) {
                av_frame_free(frame);
            }
            av_packet_free(packet);
            avcodec_free_context(ctx);
        }
    }

    private static byte[] jpeg(AVFrame picture, int width, int height) throws IOException {
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        if (codec == null) {
            throw new IOException("this FFmpeg has no MJPEG encoder");
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVFrame scaled = av_frame_alloc();
        AVPacket packet = av_packet_alloc();
        SwsContext sws = null;
        try {
            ctx.width(width).height(height).pix_fmt(AV_PIX_FMT_YUVJ420P).color_range(AVCOL_RANGE_JPEG)
                    .time_base(av_make_q(1, 25)).flags(ctx.flags() | AV_CODEC_FLAG_QSCALE)
                    .global_quality(FF_QP2LAMBDA * QUALITY);
            check(avcodec_open2(ctx, codec, (AVDictionary) null), "opening the JPEG encoder");
            scaled.format(AV_PIX_FMT_YUVJ420P).width(width).height(height);
            check(av_frame_get_buffer(scaled, 0), "allocating the picture");
            sws = sws_getContext(picture.width(), picture.height(), picture.format(), width, height,
                    AV_PIX_FMT_YUVJ420P, SWS_BILINEAR, null, null, (DoublePointer) null);
            if (sws == null) {
                throw new IOException("cannot scale " + picture.width() + "x" + picture.height() + " format "
                        + picture.format() + " to " + width + "x" + height);
            }
            check(sws_scale(sws, picture.data(), picture.linesize(), 0, picture.height(), scaled.data(),
                    scaled.linesize()), "scaling");
            scaled.quality(FF_QP2LAMBDA * QUALITY).pts(0);
            check(avcodec_send_frame(ctx, scaled), "encoding the JPEG");
            check(avcodec_receive_packet(ctx, packet), "encoding the JPEG");
            byte[] out = new byte[packet.size()];
            packet.data().get(out);
            return out;
        } finally {
            if (sws != null) {
                sws_freeContext(sws);
            }
            av_packet_free(packet);
            av_frame_free(scaled);
            avcodec_free_context(ctx);
        }
    }

    private static void check(int ret, String what) throws IOException {
        if (ret < 0) {
            BytePointer buf = new BytePointer(256);
            av_strerror(ret, buf, 256);
            throw new IOException(what + ": " + buf.getString());
        }
    }
}
