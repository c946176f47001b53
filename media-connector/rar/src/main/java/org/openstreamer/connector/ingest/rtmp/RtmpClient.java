package org.openstreamer.connector.ingest.rtmp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * We call an RTMP server and publish to it (or, with {@link #play}, play from it): {@code rtmp://HOST[:PORT]/APP/NAME} (or
 * {@code rtmps://} over TLS), the way a restream to a CDN or a social network goes. Blocking I/O
 * on the caller's thread: handshake, {@code connect}, {@code releaseStream}, {@code FCPublish},
 * {@code createStream}, {@code publish}, then FLV tags made from the live MPEG-TS by
 * {@link TsFlvTags}, the converter RTMP playback uses. The server's refusals (an {@code _error}
 * reply, a {@code NetStream.Publish.*} error status) end it with their code and description.
 */
public final class RtmpClient implements AutoCloseable {

    private static final int CHUNK_SIZE = 4096;
    private static final int TIMEOUT_MS = 10_000;
    private static final int VIDEO_CHUNK_STREAM = 6;
    private static final int AUDIO_CHUNK_STREAM = 4;
    private static final int DATA_CHUNK_STREAM = 5;

    /** Where to publish, from the URL. */
    public record Target(boolean tls, String host, int port, String app, String name) {

        /** {@code rtmp://host/app/name}: the app is the path up to the last {@code /}, the name what follows, query included. */
        public static Target parse(String url) {
            URI u;
            try {
                u = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("malformed RTMP URL " + url + ": " + e.getReason());
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            boolean tls = scheme.equals("rtmps");
            if (!tls && !scheme.equals("rtmp") || u.getHost() == null) {
                throw new IllegalArgumentException("an RTMP URL is rtmp[s]://HOST[:PORT]/APP/NAME (" + url + ")");
            }
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            int slash = path.lastIndexOf('/');
            if (slash <= 0 || slash == path.length() - 1) {
                throw new IllegalArgumentException("an RTMP URL names the application and the stream: /APP/NAME (" + url + ")");
            }
            String name = path.substring(slash + 1) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            return new Target(tls, u.getHost(), u.getPort() > 0 ? u.getPort() : tls ? 443 : 1935,
                    path.substring(1, slash), name);
        }

        String tcUrl() {
            return (tls ? "rtmps" : "rtmp") + "://" + host + ":" + port + "/" + app;
        }
    }

    private final Target target;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RtmpChunkReader reader;
    private final RtmpChunkWriter writer;
    private final Amf0Writer amf = new Amf0Writer();
    private final TsFlvTags tags = new TsFlvTags(this::tag);
    private int streamId;
    private boolean metadataSent;
    private long bytesSent;

    /** Window acknowledgement size the server asked for (0: none), and the byte count last acknowledged. */
    private long peerWindow;
    private long lastAck;

    private RtmpClient(Target target, Socket socket, RtmpChunkReader.IdleHook idle) throws IOException {
        this.target = target;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.reader = new RtmpChunkReader(in, RtmpLimits.DEFAULT, idle);
        this.writer = new RtmpChunkWriter(out);
    }

    /**
     * Connects, shakes hands and asks to play {@code target}'s stream; then {@link #nextMedia}
     * gives what the server sends. Reads wait {@code pollMillis} at a time: between them an
     * interrupted thread ends the connection, and so does silence longer than {@code silenceMillis}.
     *
     * @throws IOException when the server cannot be reached, refuses (stream not found), or does
     *                     not speak RTMP (the message says which)
     */
    static RtmpClient play(Target target, int pollMillis, long silenceMillis) throws IOException {
        return play(target, pollMillis, silenceMillis, true);
    }

    /** As {@link #play(Target, int, long)}; {@code verify} false: {@code rtmps://} takes any certificate. */
    static RtmpClient play(Target target, int pollMillis, long silenceMillis, boolean verify) throws IOException {
        long silenceNanos = silenceMillis * 1_000_000L;
        return open(target, verify, pollMillis, silent -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("stopped");
            }
            if (silent > silenceNanos) {
                throw new java.net.SocketTimeoutException("no data from the RTMP server " + target.host() + ":"
                        + target.port() + " for " + silenceMillis / 1000 + " s");
            }
        }, RtmpClient::startPlaying);
    }

    /** What a connection does once the handshake is done: play or publish. */
    @FunctionalInterface
    private interface Start {
        void start(RtmpClient c) throws IOException;
    }

    /** Connects (reads waiting {@code readTimeoutMillis} at a time), shakes hands and starts; closed again on failure. */
    private static RtmpClient open(Target target, boolean verify, int readTimeoutMillis, RtmpChunkReader.IdleHook idle,
                                   Start start) throws IOException {
        Socket s = target.tls() ? TlsSockets.client(target.host(), verify) : new Socket();
        try {
            s.connect(new InetSocketAddress(target.host(), target.port()), TIMEOUT_MS);
            s.setSoTimeout(readTimeoutMillis);
            s.setTcpNoDelay(true);
            RtmpClient c = new RtmpClient(target, s, idle);
            c.handshake();
            start.start(c);
            return c;
        } catch (RtmpProtocolException e) {
            s.close();
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void startPlaying() throws IOException {
        writer.setChunkSize(CHUNK_SIZE);
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", target.app());
        connect.put("flashVer", "LNX 9,0,124,2");
        connect.put("tcUrl", target.tcUrl());
        connect.put("fpad", Boolean.FALSE);
        connect.put("capabilities", 15.0);
        connect.put("audioCodecs", 3191.0);
        connect.put("videoCodecs", 252.0);
        connect.put("videoFunction", 1.0);
        command(0, amf.reset().string("connect").number(1).object(connect));
        awaitResult(1, "connect");
        writer.control(RtmpMessage.WINDOW_ACK_SIZE, 2_500_000);
        command(0, amf.reset().string("createStream").number(2).nul());
        List<Object> created = awaitResult(2, "createStream");
        if (created.size() < 4 || !(created.get(3) instanceof Double id)) {
            throw new RtmpProtocolException("createStream answered without a stream id: " + created);
        }
        streamId = id.intValue();
        command(streamId, amf.reset().string("play").number(0).nul().string(target.name()).number(-1000));
        awaitStatus("NetStream.Play.Start", "play");
    }

    /**
     * The next audio, video or data message of the stream played (valid until the next call);
     * control messages are applied and acknowledgements sent on the way.
     *
     * @throws IOException when the connection breaks or the server ends the stream (an error or stop status)
     */
    RtmpMessage nextMedia() throws IOException {
        try {
            while (true) {
                RtmpMessage m = reader.next();
                long read = reader.bytesRead();
                if (peerWindow > 0 && read - lastAck >= peerWindow) {
                    lastAck = read;
                    writer.control(RtmpMessage.ACKNOWLEDGEMENT, (int) read);
                    writer.flush();
                }
                switch (m.type) {
                    case RtmpMessage.AUDIO, RtmpMessage.VIDEO, RtmpMessage.DATA_AMF0 -> {
                        return m;
                    }
                    case RtmpMessage.SET_CHUNK_SIZE -> reader.setChunkSize(m.u32(0));
                    case RtmpMessage.WINDOW_ACK_SIZE -> peerWindow = m.u32(0);
                    case RtmpMessage.ABORT -> reader.abort(m.u32(0));
                    case RtmpMessage.COMMAND_AMF0 -> {
                        List<Object> c = Amf0.readAll(m.payload, 0, m.length);
                        String code = info(c, "code");
                        if (!c.isEmpty() && "onStatus".equals(c.get(0)) && ("error".equals(info(c, "level"))
                                || "NetStream.Play.Stop".equals(code) || "NetStream.Play.UnpublishNotify".equals(code))) {
                            throw new IOException("the RTMP server ended the stream: " + describe(c));
                        }
                    }
                    default -> {
                        // user control (stream begin, ping), peer bandwidth: nothing to do for a player
                    }
                }
            }
        } catch (RtmpProtocolException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Connects, shakes hands and publishes; the connection is ready for {@link #packets}.
     *
     * @throws IOException when the server cannot be reached, refuses, or does not speak RTMP (the message says which)
     */
    public static RtmpClient publish(Target target) throws IOException {
        return publish(target, true);
    }

    /** As {@link #publish(Target)}; {@code verify} false: {@code rtmps://} takes any certificate. */
    public static RtmpClient publish(Target target, boolean verify) throws IOException {
        return open(target, verify, TIMEOUT_MS, silent -> {
            throw new java.net.SocketTimeoutException("no answer from the RTMP server for " + TIMEOUT_MS / 1000 + " s");
        }, RtmpClient::startPublishing);
    }

    /** C0 C1, then S0 S1 S2 read and C2 (S1 echoed): the plain handshake, as the server side expects it. */
    private void handshake() throws IOException {
        byte[] c0c1 = new byte[1 + RtmpHandshake.SIZE];
        c0c1[0] = RtmpHandshake.VERSION;
        byte[] random = new byte[RtmpHandshake.SIZE - 8];
        ThreadLocalRandom.current().nextBytes(random);
        System.arraycopy(random, 0, c0c1, 9, random.length);
        out.write(c0c1);
        out.flush();
        int version = in.read();
        if (version != RtmpHandshake.VERSION) {
            throw new RtmpProtocolException(version < 0 ? "the server closed the connection during the handshake"
                    : "the server answered the handshake with version " + version);
        }
        byte[] s1 = in.readNBytes(RtmpHandshake.SIZE);
        if (s1.length < RtmpHandshake.SIZE || in.readNBytes(RtmpHandshake.SIZE).length < RtmpHandshake.SIZE) {
            throw new EOFException("the server closed the connection during the handshake");
        }
        out.write(s1);
        out.flush();
    }

    private void startPublishing() throws IOException {
        writer.setChunkSize(CHUNK_SIZE);
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", target.app());
        connect.put("type", "nonprivate");
        connect.put("flashVer", "FMLE/3.0 (compatible; OpenStreamer)");
        connect.put("tcUrl", target.tcUrl());
        command(0, amf.reset().string("connect").number(1).object(connect));
        awaitResult(1, "connect");
        command(0, amf.reset().string("releaseStream").number(2).nul().string(target.name()));
        command(0, amf.reset().string("FCPublish").number(3).nul().string(target.name()));
        command(0, amf.reset().string("createStream").number(4).nul());
        List<Object> created = awaitResult(4, "createStream");
        if (created.size() < 4 || !(created.get(3) instanceof Double id)) {
            throw new RtmpProtocolException("createStream answered without a stream id: " + created);
        }
        streamId = id.intValue();
        command(streamId, amf.reset().string("publish").number(5).nul().string(target.name()).string("live"));
        awaitStatus("NetStream.Publish.Start", "publish");
    }

    private void command(int stream, Amf0Writer payload) throws IOException {
        writer.write(RtmpChunkWriter.COMMAND_CHUNK_STREAM, RtmpMessage.COMMAND_AMF0, stream, 0, payload.array(), 0,
                payload.length());
        writer.flush();
    }

    /** The {@code _result} of transaction {@code txn}, handling the server's control messages meanwhile. */
    private List<Object> awaitResult(int txn, String what) throws IOException {
        while (true) {
            List<Object> c = nextCommand();
            if (c.size() >= 2 && c.get(1) instanceof Double t && t.intValue() == txn) {
                if ("_result".equals(c.get(0))) {
                    return c;
                }
                throw new RtmpProtocolException("the server refused " + what + ": " + describe(c));
            }
        }
    }

    private void awaitStatus(String wanted, String what) throws IOException {
        while (true) {
            List<Object> c = nextCommand();
            if (!"onStatus".equals(c.get(0))) {
                continue;
            }
            String code = info(c, "code");
            if (wanted.equals(code)) {
                return;
            }
            if ("error".equals(info(c, "level")) || code != null && code.contains("Failed")) {
                throw new RtmpProtocolException("the server refused to " + what + " " + target.name() + ": " + describe(c));
            }
        }
    }

    /** The next AMF0 command from the server; control messages are applied on the way. */
    private List<Object> nextCommand() throws IOException {
        while (true) {
            RtmpMessage m = reader.next();
            switch (m.type) {
                case RtmpMessage.SET_CHUNK_SIZE -> reader.setChunkSize(m.u32(0));
                case RtmpMessage.COMMAND_AMF0 -> {
                    List<Object> values = Amf0.readAll(m.payload, 0, m.length);
                    if (!values.isEmpty()) {
                        return values;
                    }
                }
                default -> {
                    // window size, peer bandwidth, acknowledgements, user control: nothing to answer while publishing
                }
            }
        }
    }

    private static String info(List<Object> command, String key) {
        for (Object o : command) {
            if (o instanceof Map<?, ?> m && m.get(key) instanceof String s) {
                return s;
            }
        }
        return null;
    }

    private static String describe(List<Object> command) {
        String code = info(command, "code");
        String description = info(command, "description");
        return code == null && description == null ? command.toString()
                : (code == null ? "" : code) + (description == null ? "" : (code == null ? "" : " ") + description);
    }

    /** Live MPEG-TS packets, whole, as FLV tags; nothing is sent before the stream's first keyframe and tables. */
    public void packets(byte[] a, int off, int len) throws IOException {
        tags.packets(a, off, len);
    }

    /** Sends what is buffered; also reads (and drops) what the server sent meanwhile, failing if it ended the session. */
    public void flush() throws IOException {
        try {
            readServer();
        } catch (RtmpProtocolException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void readServer() throws IOException {
        out.flush();
        while (in.available() > 0) {
            RtmpMessage m = reader.next();
            if (m.type == RtmpMessage.SET_CHUNK_SIZE) {
                reader.setChunkSize(m.u32(0));
            } else if (m.type == RtmpMessage.COMMAND_AMF0) {
                List<Object> c = Amf0.readAll(m.payload, 0, m.length);
                if (!c.isEmpty() && "onStatus".equals(c.get(0)) && "error".equals(info(c, "level"))) {
                    throw new RtmpProtocolException("the server ended the publication: " + describe(c));
                }
            }
        }
    }

    private void tag(int type, long timestampMs, byte[] buf, int off, int len) throws IOException {
        if (!metadataSent) {
            metadata();
        }
        writer.write(type == RtmpMessage.VIDEO ? VIDEO_CHUNK_STREAM : AUDIO_CHUNK_STREAM, type, streamId, timestampMs,
                buf, off, len);
        bytesSent += len;
    }

    /**
     * {@code @setDataFrame onMetaData} before the first tag, naming the tracks the program has
     * (as its PMT says): servers wait for every announced sequence header before they set up
     * their tracks, rather than starting with the first one that comes.
     */
    private void metadata() throws IOException {
        metadataSent = true;
        Map<String, Object> properties = new LinkedHashMap<>();
        if (tags.hasVideo()) {
            properties.put("videocodecid", 7.0); // AVC
        }
        if (tags.hasAudio()) {
            properties.put("audiocodecid", 10.0); // AAC
        }
        properties.put("encoder", "OpenStreamer");
        amf.reset().string("@setDataFrame").string("onMetaData").ecmaArray(properties);
        writer.write(DATA_CHUNK_STREAM, RtmpMessage.DATA_AMF0, streamId, 0, amf.array(), 0, amf.length());
    }

    /** FLV payload bytes sent so far. */
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public void close() {
        try {
            if (streamId != 0) {
                command(streamId, amf.reset().string("deleteStream").number(6).nul().number(streamId));
            }
        } catch (IOException | RuntimeException e) {
            // going anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
