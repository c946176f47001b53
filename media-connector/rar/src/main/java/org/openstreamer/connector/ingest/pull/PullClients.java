package org.openstreamer.connector.ingest.pull;

import org.openstreamer.connector.ingest.file.FileInput;
import org.openstreamer.connector.ingest.hls.HlsTsInput;
import org.openstreamer.connector.ingest.hls.HlsVariantsInput;
import org.openstreamer.connector.ingest.rtmp.RtmpPullInput;
import org.openstreamer.connector.ingest.rtsp.RtspOptions;
import org.openstreamer.connector.ingest.rtsp.RtspTsInput;
import org.openstreamer.connector.ingest.rtsp.RtspUrl;
import org.openstreamer.connector.ingest.srt.caller.SrtPullInput;
import org.openstreamer.connector.ingest.tshttp.HttpTsInput;
import org.openstreamer.connector.ingest.tstcp.TcpTsInput;
import org.openstreamer.connector.ingest.udp.UdpTsInput;

/**
 * The client of each pulled scheme, as the failover ({@code ingest/failover/InputFailover}) opens
 * them: each delivers MPEG-TS through a {@link TsInput}.
 */
public final class PullClients {

    /** Longest wait inside a read: how soon timeouts, checks and stop requests are seen. */
    public static final int POLL_MILLIS = 500;

    private PullClients() {
    }

    /** The client of {@code scheme}, reduced to one program when the input's options ask for it ({@code program}, {@code pids}). */
    public static TsInput.Opener openerFor(PullUrl.Scheme scheme) {
        TsInput.Opener client = clientOf(scheme);
        return url -> ProgramSelectingInput.wrap(client.open(url), url.options());
    }

    private static TsInput.Opener clientOf(PullUrl.Scheme scheme) {
        return switch (scheme) {
            case UDP -> UdpTsInput::open;
            case TSHTTP, TSHTTPS -> HttpTsInput::open;
            case TSTCP -> TcpTsInput::open;
            case SRT -> SrtPullInput::open;
            case HLS, HLSS -> HlsTsInput::open;
            case HLS2, HLSS2 -> HlsVariantsInput::open;
            case RTMP, RTMPS -> RtmpPullInput::open;
            case FILE -> FileInput::open;
            case RTSP -> u -> RtspTsInput.open(RtspUrl.parse(u.url()), RtspOptions.of(u.options()));
        };
    }
}
