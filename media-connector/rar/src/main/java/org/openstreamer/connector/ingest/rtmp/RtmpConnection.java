package org.openstreamer.connector.ingest.rtmp;

import org.openstreamer.connector.api.LiveTsReader;
import org.openstreamer.connector.api.MediaEvent;
import org.openstreamer.connector.api.MediaEventType;
import org.openstreamer.connector.api.PlayAuthorizer;
import org.openstreamer.connector.api.StreamConfig;
import org.openstreamer.connector.ingest.IngestSession;
import org.openstreamer.connector.ingest.PublishAdmission;
import org.openstreamer.connector.auth.OnPublishRequest;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One RTMP peer on its own thread with blocking socket I/O: the handshake, then
 * messages until the peer leaves. It answers the commands of a publishing client
 * ({@code connect}, {@code releaseStream}, {@code FCPublish}, {@code createStream},
 * {@code publish}, {@code FCUnpublish}, {@code deleteStream}), admits the publisher by the rules
 * every protocol shares ({@link PublishAdmission}, then the stream's {@code on_publish} backend,
 * waited for on this thread) and hands its media to an
 * {@link RtmpPublisher}; a {@code play} starts an {@link RtmpPlayer} on a second thread, which
 * shares the chunk writer (every write is synchronized on it). A peer that breaks the protocol or a limit is logged with its address
 * and disconnected; nothing else is affected.
 */
final class RtmpConnection implements Runnable {

    private static final Logger LOG = Logger.getLogger(RtmpConnection.class.getName());
    static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    /** Read timeout: how often the idle hook runs (session checks) while the peer is silent. */
    static final int READ_TICK_MS = 500;
    /** A peer silent this long is dropped. */
    /** The longest a player waits for its playback check (the backend's own deadline is shorter). */
    static final long PLAY_CHECK_TIMEOUT_MS = 10_000;
    static final long IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final int SERVER_CHUNK_SIZE = 4096;
    static final int WINDOW = 2_500_000;
    private static final int STREAM_BEGIN = 0;
    private static final int PING_REQUEST = 6;
    private static final int PING_RESPONSE = 7;

    private final Socket socket;
    private final RtmpServer.Host host;
    private final RtmpLimits limits;
    private final RtmpRefusals refusals;
    private final String peer;
    private final Amf0Writer amf = new Amf0Writer();
    private RtmpChunkReader reader;
    private RtmpChunkWriter writer;
    private String app;
    private int nextStreamId = 1;
    private long peerWindow;
    private long lastAck;
    private RtmpPublisher publisher;
    /** The stream published, while publishing; read by the server when the configuration changes. */
    private volatile String publishing;
    /** The stream played and its pump, while playing. */
    private RtmpPlayer player;
    private volatile String playing;
    /** The player's session (its playback check's grant), while playing. */
    private PlayAuthorizer.Grant grant;
    /** The connect command's {@code pageUrl} and {@code flashVer}: the player's referer and user agent for the playback check. */
    private String pageUrl;
    private String flashVer;
    /** Set by {@link #disconnect} from any thread before it closes the socket. */
    private volatile String stopReason;
    /** A refusal was answered: the loop ends after the reply is flushed. */
    private boolean closing;

    RtmpConnection(Socket socket, RtmpServer.Host host, RtmpLimits limits, RtmpRefusals refusals) {
        this.socket = socket;
        this.host = host;
        this.limits = limits;
        this.refusals = refusals;
        this.peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    String peer() {
        return peer;
    }

    /** The stream this peer publishes to, or null. */
    String publishing() {
        return publishing;
    }

    /** The stream this peer plays, or null. */
    String playing() {
        return playing;
    }

    /** Ends the connection soon: its thread sees the socket closed and stops with {@code reason}. */
    void disconnect(String reason) {
        stopReason = reason;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    @Override
    public void run() {
        String reason = "closed by the peer";
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            InputStream in = socket.getInputStream();
            BufferedOutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            RtmpHandshake.serve(in, out);
            socket.setSoTimeout(READ_TICK_MS);
            reader = new RtmpChunkReader(in, limits, this::idle);
            writer = new RtmpChunkWriter(out);
            while (!closing) {
                handle(reader.next());
                acknowledgeIfDue();
            }
            reason = "refused";
        } catch (EOFException e) {
            reason = stopReason != null ? stopReason : "closed by the peer";
        } catch (RtmpProtocolException e) {
            reason = "protocol error: " + e.getMessage();
            refusals.protocolError(peer, socket.getLocalPort(), e.getMessage());
        } catch (IOException e) {
            reason = stopReason != null ? stopReason : "connection lost: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "internal error: " + e;
            LOG.log(Level.SEVERE, "RTMP peer " + peer + ": " + e, e);
        } finally {
            endPublishing(reason);
            endPlaying(reason);
        }
    }

    /** Runs every {@link #READ_TICK_MS} of silence: the session's health check, the idle limit, a stop request. */
    private void idle(long silentNanos) throws IOException {
        if (stopReason != null) {
            throw new IOException(stopReason);
        }
        if (publisher != null) {
            publisher.session().checkIfDue();
        }
        if (silentNanos > IDLE_TIMEOUT_NANOS && player == null) { // players send only acknowledgements
            throw new IOException("nothing received for " + TimeUnit.NANOSECONDS.toSeconds(silentNanos) + " s");
        }
    }

    private void handle(RtmpMessage m) throws IOException {
        switch (m.type) {
            case RtmpMessage.SET_CHUNK_SIZE -> reader.setChunkSize(m.u32(0));
            case RtmpMessage.ABORT -> reader.abort(m.u32(0));
            case RtmpMessage.WINDOW_ACK_SIZE -> peerWindow = m.u32(0);
            case RtmpMessage.USER_CONTROL -> {
                if (m.length >= 6 && ((m.payload[0] << 8) | (m.payload[1] & 0xFF)) == PING_REQUEST) {
                    synchronized (writer) {
                        writer.userControl(PING_RESPONSE, (int) m.u32(2));
                        writer.flush();
                    }
                }
            }
            case RtmpMessage.COMMAND_AMF0 -> command(Amf0.readAll(m.payload, 0, m.length), m.streamId);
            case RtmpMessage.COMMAND_AMF3 -> command(Amf0.readAll(m.payload, 1, Math.max(0, m.length - 1)), m.streamId);
            case RtmpMessage.DATA_AMF0 -> data(m, 0);
            case RtmpMessage.DATA_AMF3 -> data(m, 1);
            case RtmpMessage.AUDIO, RtmpMessage.VIDEO -> {
                if (publisher == null) {
                    throw new RtmpProtocolException("media before publish");
                }
                publisher.media(m);
            }
            default -> {
                // acknowledgements, peer bandwidth, aggregates: nothing to do for a publisher
            }
        }
    }

    /** {@code @setDataFrame onMetaData {...}} (or a bare {@code onMetaData}): which tracks are coming. */
    private void data(RtmpMessage m, int skip) {
        if (publisher == null || m.length <= skip) {
            return;
        }
        List<Object> values = Amf0.readAll(m.payload, skip, m.length - skip);
        int i = !values.isEmpty() && "@setDataFrame".equals(values.get(0)) ? 1 : 0;
        if (values.size() > i + 1 && "onMetaData".equals(values.get(i)) && values.get(i + 1) instanceof Map<?, ?> p) {
            publisher.metadata(p);
        }
    }

    private void command(List<Object> values, int streamId) throws IOException {
        if (values.size() < 2 || !(values.get(0) instanceof String name) || !(values.get(1) instanceof Double txn)) {
            throw new RtmpProtocolException("a command must start with its name and transaction id");
        }
        Object argument = values.size() > 3 ? values.get(3) : null;
        synchronized (writer) {
            command(name, txn, values, argument, streamId);
            writer.flush();
        }
    }

    private void command(String name, double txn, List<Object> values, Object argument, int streamId) throws IOException {
        switch (name) {
            case "connect" -> connect(txn, values.get(2));
            case "releaseStream", "FCPublish" -> result(txn, null);
            case "createStream" -> {
                requireConnected(name);
                result(txn, (double) nextStreamId++);
            }
            case "publish" -> publish(streamId, argument);
            case "FCUnpublish" -> endPublishing("unpublished by the peer");
            case "deleteStream", "closeStream" -> {
                endPublishing("unpublished by the peer");
                endPlaying("stopped by the player");
            }
            case "play" -> play(streamId, argument);
            default -> {
                if (txn != 0) {
                    result(txn, null);
                }
            }
        }
    }

    private void connect(double txn, Object commandObject) throws IOException {
        if (app != null) {
            throw new RtmpProtocolException("connect sent twice");
        }
        if (!(commandObject instanceof Map<?, ?> properties) || !(properties.get("app") instanceof String a)) {
            throw new RtmpProtocolException("connect without an app");
        }
        app = a;
        pageUrl = properties.get("pageUrl") instanceof String u ? u : null;
        flashVer = properties.get("flashVer") instanceof String f ? f : null;
        writer.control(RtmpMessage.WINDOW_ACK_SIZE, WINDOW);
        writer.peerBandwidth(WINDOW);
        writer.setChunkSize(SERVER_CHUNK_SIZE);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("fmsVer", "FMS/3,0,1,123");
        server.put("capabilities", 31);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "status");
        info.put("code", "NetConnection.Connect.Success");
        info.put("description", "Connection succeeded.");
        info.put("objectEncoding", 0);
        amf.reset().string("_result").number(txn).object(server).object(info);
        send(0);
    }

    private void publish(int streamId, Object nameArgument) throws IOException {
        requireConnected("publish");
        if (publisher != null) {
            refuse(streamId, PublishAdmission.CONFLICT, "this connection publishes already");
            return;
        }
        RtmpStreamName name;
        try {
            name = RtmpStreamName.parse(app, nameArgument instanceof String s ? s : null);
        } catch (IllegalArgumentException e) {
            refuse(streamId, PublishAdmission.BAD_REQUEST, e.getMessage());
            return;
        }
        PublishAdmission.Refusal refusal = PublishAdmission.check(name.stream(), host, name.password());
        if (refusal == null) { // then on_publish: this connection's own thread may wait for the backend
            OnPublishRequest ask = host.authorization().request(name.stream(), "rtmp", peer, name.args());
            refusal = ask == null ? null : host.authorization().await(ask);
        }
        if (refusal != null) {
            refuse(streamId, refusal.status(), refusal.reason());
            return;
        }
        RtmpPublisher p = new RtmpPublisher(peer, socket.getLocalPort(), this::disconnect,
                problem -> LOG.warning("RTMP publisher " + peer + " of " + name.stream() + ": " + problem));
        IngestSession session = host.openSession(name.stream(), p);
        if (session == null) {
            refuse(streamId, PublishAdmission.CONFLICT, "stream " + name.stream() + " already has a publisher");
            return;
        }
        p.attach(session);
        publisher = p;
        publishing = name.stream();
        writer.userControl(STREAM_BEGIN, streamId);
        status(streamId, "status", "NetStream.Publish.Start", name.stream() + " is now published");
    }

    /**
     * Starts playing a live stream named as for publishing ({@code static/NAME}, {@code APP/NAME});
     * a stream that is unknown, disabled or not live answers {@code NetStream.Play.StreamNotFound}.
     * The playback check comes first ({@code ?token=} of the name, the connect's {@code pageUrl} as
     * referer): a refused player gets {@code NetStream.Play.Failed} with the reason, and the
     * connection closes.
     */
    private void play(int streamId, Object nameArgument) throws IOException {
        requireConnected("play");
        if (player != null || publisher != null) {
            throw new RtmpProtocolException("play on a connection that plays or publishes already");
        }
        String stream;
        LiveTsReader reader;
        PlayAuthorizer.Grant granted = null;
        try {
            RtmpStreamName name = RtmpStreamName.parse(app, nameArgument instanceof String s ? s : null);
            stream = name.stream();
            StreamConfig config = host.config(stream);
            if (config == null || config.disabled()) {
                throw new IllegalArgumentException(config == null ? "unknown stream " + stream : "stream " + stream + " is disabled");
            }
            String refusal = host.playRefusal(stream);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            PlayAuthorizer.Verdict verdict = checkPlayer(stream, name.args().get("token"));
            if (!verdict.allowed()) {
                String reason = "playing " + stream + " refused: " + (verdict.reason() == null ? "status " + verdict.status() : verdict.reason());
                refusals.refused(peer, socket.getLocalPort(), verdict.status(), reason);
                status(streamId, "error", "NetStream.Play.Failed", reason);
                closing = true;
                return;
            }
            granted = verdict.grant();
            reader = host.openLiveTs(stream);
            if (reader == null) {
                throw new IllegalArgumentException("stream " + stream + " is not live");
            }
        } catch (IllegalArgumentException e) {
            if (granted != null) {
                granted.ended(0);
            }
            refusals.refused(peer, socket.getLocalPort(), PublishAdmission.NOT_FOUND, e.getMessage());
            status(streamId, "error", "NetStream.Play.StreamNotFound", e.getMessage());
            closing = true;
            return;
        }
        writer.userControl(STREAM_BEGIN, streamId);
        status(streamId, "status", "NetStream.Play.Reset", "playing " + stream + " from its latest keyframe");
        status(streamId, "status", "NetStream.Play.Start", "playing " + stream);
        playing = stream;
        grant = granted;
        player = new RtmpPlayer(reader, writer, streamId, this::disconnect);
        ConnectionThreads.start("rtmp-play " + peer, player);
        granted.onRevoked(() -> disconnect("session closed by the server"));
        host.publish(MediaEvent.of(MediaEventType.PLAY_STARTED, stream,
                Map.of("protocol", "rtmp", "peer", peer, "port", socket.getLocalPort())));
    }

    /** The playback check, waited for on this connection's own thread (a backend answers within its deadline). */
    private PlayAuthorizer.Verdict checkPlayer(String stream, String token) {
        PlayAuthorizer.Viewer viewer = new PlayAuthorizer.Viewer(stream, socket.getInetAddress().getHostAddress(),
                token == null || token.isEmpty() ? null : token, pageUrl, flashVer, "rtmp");
        try {
            return host.playAuthorizer().admit(viewer).get(PLAY_CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PlayAuthorizer.Verdict(null, 503, "interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return new PlayAuthorizer.Verdict(null, 503, "playback check failed: " + e);
        }
    }

    private void endPlaying(String reason) {
        RtmpPlayer p = player;
        String stream = playing;
        player = null;
        playing = null;
        PlayAuthorizer.Grant g = grant;
        grant = null;
        if (p != null) {
            p.stop();
            g.ended(p.bytesSent());
            host.publish(MediaEvent.of(MediaEventType.PLAY_STOPPED, stream,
                    Map.of("protocol", "rtmp", "peer", peer, "reason", reason, "tags", p.tagsSent(),
                            "dropped_frames", p.droppedFrames())));
        }
    }

    private void refuse(int streamId, int status, String reason) throws IOException {
        refusals.refused(peer, socket.getLocalPort(), status, reason);
        String code = status == PublishAdmission.FORBIDDEN ? "NetStream.Publish.Denied" : "NetStream.Publish.BadName";
        status(streamId, "error", code, reason);
        closing = true;
    }

    private void requireConnected(String command) {
        if (app == null) {
            throw new RtmpProtocolException(command + " before connect");
        }
    }

    private void result(double txn, Object value) throws IOException {
        amf.reset().string("_result").number(txn).nul();
        if (value instanceof Double d) {
            amf.number(d);
        } else {
            amf.nul();
        }
        send(0);
    }

    private void status(int streamId, String level, String code, String description) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        amf.reset().string("onStatus").number(0).nul().object(info);
        send(streamId);
    }

    private void send(int streamId) throws IOException {
        writer.write(RtmpChunkWriter.COMMAND_CHUNK_STREAM, RtmpMessage.COMMAND_AMF0, streamId, 0, amf.array(), 0, amf.length());
    }

    /** Acknowledgement once the peer's window of bytes has come in since the last one. */
    private void acknowledgeIfDue() throws IOException {
        long read = reader.bytesRead();
        if (peerWindow > 0 && read - lastAck >= peerWindow) {
            lastAck = read;
            synchronized (writer) {
                writer.control(RtmpMessage.ACKNOWLEDGEMENT, (int) read);
                writer.flush();
            }
        }
    }

    private void endPublishing(String reason) {
        RtmpPublisher p = publisher;
        publisher = null;
        publishing = null;
        if (p != null) {
            p.session().close(reason);
        }
    }
}
