package org.openstreamer.connector.ingest.rtsp;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The RTSP conversation of one pull (RFC 2326): {@code OPTIONS}, {@code DESCRIBE} (the session
 * description), a {@code SETUP} per track taken, {@code PLAY}, keep-alives within the session
 * timeout ({@code GET_PARAMETER} when the server lists it, else {@code OPTIONS}), and
 * {@code TEARDOWN} when closed. Every refusal or broken reply is an exception whose message is
 * the reason the puller reports.
 */
final class RtspSession implements Closeable {

    /** The session timeout when the server does not say (RFC 2326 12.37). */
    static final int DEFAULT_TIMEOUT_S = 60;

    private final RtspUrl url;
    private final RtspOptions options;
    private final RtspConnection conn;
    private final List<RtspTrack> tracks = new ArrayList<>();
    private final RtspTrack[] byChannel = new RtspTrack[256];
    private UdpRtpReceiver udp;
    private String base;
    private String playUrl;
    private boolean getParameter;
    private long keepAliveNanos;
    private long nextKeepAlive;
    private boolean playing;

    private RtspSession(RtspUrl url, RtspOptions options, RtspConnection conn) {
        this.url = url;
        this.options = options;
        this.conn = conn;
    }

    /** Connects and sets the tracks up; {@link #play} starts the media. */
    static RtspSession start(RtspUrl url, RtspOptions options, int pollMillis) throws IOException {
        RtspSession s = new RtspSession(url, options, new RtspConnection(url, pollMillis));
        try {
            s.describeAndSetup();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void describeAndSetup() throws IOException {
        RtspResponse opts = conn.requestAnyStatus("OPTIONS", url.request());
        String pub = opts.status() / 100 == 2 ? opts.header("Public") : null;
        getParameter = pub != null && pub.toUpperCase(Locale.ROOT).contains("GET_PARAMETER");
        RtspResponse d = conn.request("DESCRIBE", url.request(), "Accept: application/sdp");
        String type = d.header("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/sdp")) {
            throw new RtspProtocolException("the DESCRIBE reply is " + type + ", not a session description (application/sdp)");
        }
        Sdp sdp = Sdp.parse(d.bodyText());
        base = d.header("Content-Base") != null ? d.header("Content-Base")
                : d.header("Content-Location") != null ? d.header("Content-Location") : url.request();
        choose(sdp);
        for (RtspTrack t : tracks) {
            setup(t);
        }
        playUrl = sdp.control() == null || sdp.control().equals("*") ? base : resolve(base, sdp.control());
    }

    /** The tracks to take: those {@code tracks=} names (all when it names none) that the client can read. */
    private void choose(Sdp sdp) throws RtspProtocolException {
        for (int n : options.tracks()) {
            if (n < 1 || n > sdp.media().size()) {
                throw new RtspProtocolException("tracks=" + n + ": the SDP describes " + sdp.media().size() + " tracks");
            }
        }
        List<RtspTrack> taken = new ArrayList<>();
        StringJoiner skipped = new StringJoiner(", ");
        for (SdpMedia m : sdp.media()) {
            if (!options.tracks().isEmpty() && !options.tracks().contains(m.number())) {
                continue;
            }
            RtspTrack.Codec c = RtspTrack.codecOf(m);
            if (c == null) {
                skipped.add("track " + m.number() + " " + m.describe());
            } else {
                taken.add(new RtspTrack(m, c, m.control() == null ? base : resolve(base, m.control())));
            }
        }
        // a transport stream carries everything: taken alone
        RtspTrack ts = taken.stream().filter(t -> t.codec == RtspTrack.Codec.MP2T).findFirst().orElse(null);
        tracks.addAll(ts != null ? List.of(ts) : taken);
        if (tracks.isEmpty()) {
            throw new RtspProtocolException("no track this server offers can be taken (H.264, H.265, AAC or MP2T): "
                    + (skipped.length() == 0 ? "none chosen" : skipped));
        }
    }

    /** A control URL against the base (RFC 2326 C.1.1): absolute as it is, relative appended. */
    static String resolve(String base, String control) {
        if (control.toLowerCase(Locale.ROOT).startsWith("rtsp://") || control.toLowerCase(Locale.ROOT).startsWith("rtsps://")) {
            return control;
        }
        if (control.equals("*")) {
            return base;
        }
        return base.endsWith("/") ? base + control : base + "/" + control;
    }

    private void setup(RtspTrack t) throws IOException {
        int i = tracks.indexOf(t);
        String transport;
        if (options.udp()) {
            if (udp == null) {
                udp = new UdpRtpReceiver();
            }
            int port = udp.open(t, conn.socket().getLocalAddress());
            transport = "Transport: RTP/AVP;unicast;client_port=" + port + "-" + (port + 1);
        } else {
            transport = "Transport: RTP/AVP/TCP;unicast;interleaved=" + 2 * i + "-" + (2 * i + 1);
        }
        RtspResponse r = conn.requestAnyStatus("SETUP", t.control, transport);
        if (r.status() == 461) {
            throw new RtspProtocolException("RTSP 461 Unsupported Transport for SETUP " + t.control + ": the server refuses RTP over "
                    + (options.udp() ? "UDP; leave out the stream setting rtp udp" : "TCP; try the stream setting rtp udp"));
        }
        if (r.status() / 100 != 2) {
            throw new RtspProtocolException("RTSP " + r.statusLine() + " for SETUP " + t.control);
        }
        String session = r.header("Session");
        if (session == null && conn.session() == null) {
            throw new RtspProtocolException("the SETUP reply has no Session header");
        }
        if (session != null && conn.session() == null) {
            String[] parts = session.split(";");
            conn.session(parts[0].trim());
            int timeout = DEFAULT_TIMEOUT_S;
            for (int k = 1; k < parts.length; k++) {
                String p = parts[k].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("timeout=")) {
                    try {
                        timeout = Integer.parseInt(p.substring(8).trim());
                    } catch (NumberFormatException ignored) {
                        // the default then
                    }
                }
            }
            keepAliveNanos = Math.max(1, Math.min(30, timeout / 2)) * 1_000_000_000L;
        }
        String reply = r.header("Transport");
        if (options.udp()) {
            int[] server = range(reply, "server_port");
            if (server != null) {
                udp.connect(t, new InetSocketAddress(conn.socket().getInetAddress(), server[0]));
            }
        } else {
            int[] channels = range(reply, "interleaved");
            t.channel = channels != null ? channels[0] : 2 * i;
            if (t.channel > 255 || byChannel[t.channel] != null) {
                throw new RtspProtocolException("the SETUP reply gives an unusable interleaved channel: " + reply);
            }
            byChannel[t.channel] = t;
        }
    }

    /** {@code name=a-b} (or {@code name=a}) in a Transport header, or null. */
    static int[] range(String transport, String name) {
        if (transport == null) {
            return null;
        }
        for (String p : transport.split(";")) {
            String s = p.trim();
            if (s.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                String[] ab = s.substring(name.length() + 1).split("-");
                try {
                    int a = Integer.parseInt(ab[0].trim());
                    int b = ab.length > 1 ? Integer.parseInt(ab[1].trim()) : a + 1;
                    return a >= 0 && a <= 65535 ? new int[]{a, b} : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** {@code PLAY}: the media starts; {@code RTP-Info} gives each track's timestamp at the start. */
    void play() throws IOException {
        RtspResponse r = conn.request("PLAY", playUrl, "Range: npt=0.000-");
        String info = r.header("RTP-Info");
        if (info != null) {
            for (String entry : info.split(",")) {
                String u = null;
                Long rtptime = null;
                for (String p : entry.split(";")) {
                    String s = p.trim();
                    if (s.startsWith("url=")) {
                        u = s.substring(4);
                    } else if (s.startsWith("rtptime=")) {
                        try {
                            rtptime = Long.parseLong(s.substring(8).trim());
                        } catch (NumberFormatException ignored) {
                            // the first packet's timestamp is the base then
                        }
                    }
                }
                for (RtspTrack t : tracks) {
                    if (u != null && rtptime != null && (u.equals(t.control) || t.control.endsWith("/" + u) || u.endsWith(t.control))) {
                        t.base(rtptime);
                    }
                }
            }
        }
        playing = true;
        nextKeepAlive = System.nanoTime() + keepAliveNanos;
        if (udp != null) {
            conn.socket().setSoTimeout(1); // read between datagrams, not instead of them
        }
    }

    /** Sends a keep-alive when half the session timeout has passed since the last. */
    void keepAliveIfDue() throws IOException {
        long now = System.nanoTime();
        if (playing && now - nextKeepAlive >= 0) {
            nextKeepAlive = now + keepAliveNanos;
            conn.send(getParameter ? "GET_PARAMETER" : "OPTIONS", getParameter ? playUrl : url.request());
        }
    }

    /** Reads what came on the control connection (UDP mode): replies, or the server closing it. */
    void pollControl() throws IOException {
        RtspMessageReader r = conn.reader();
        RtspMessageReader.Kind k;
        while ((k = r.next()) != RtspMessageReader.Kind.NONE) {
            if (k == RtspMessageReader.Kind.RESPONSE) {
                reply(r.response());
            }
        }
    }

    /** A reply that came while playing: a keep-alive's. */
    void reply(RtspResponse r) throws IOException {
        if (r.status() == 454) {
            throw new RtspProtocolException("the server ended the RTSP session (" + r.statusLine() + ")");
        }
        if (r.status() == 405 || r.status() == 501) {
            getParameter = false; // it listed GET_PARAMETER but does not take it
        }
    }

    RtspMessageReader reader() {
        return conn.reader();
    }

    RtspTrack trackOnChannel(int channel) {
        return byChannel[channel];
    }

    List<RtspTrack> tracks() {
        return tracks;
    }

    UdpRtpReceiver udp() {
        return udp;
    }

    String url() {
        return url.display();
    }

    /** {@code TEARDOWN} (not waited for), then the sockets close. */
    @Override
    public void close() throws IOException {
        try {
            if (conn.session() != null && !conn.socket().isClosed()) {
                conn.send("TEARDOWN", playUrl != null ? playUrl : url.request());
            }
        } catch (IOException ignored) {
            // the connection is gone already: nothing to tear down
        } finally {
            try {
                if (udp != null) {
                    udp.close();
                }
            } finally {
                conn.close();
            }
        }
    }
}
