package org.openstreamer.connector.ingest.srt.jni;

import java.lang.annotation.Native;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The libsrt C API (1.5) for Java, over plain {@code int} socket ids ({@code SRTSOCKET}), through
 * the JNI glue {@code src/main/c/srt_jni.c} that ships in this jar as
 * {@code native/linux-x86_64/libopenstreamer-srt.so}. Call {@link #load()} first.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Set-up calls (create, bind, listen, connect, options, epoll management) throw
 *       {@link SrtException} with libsrt's code and text.</li>
 *   <li>Data calls ({@link #send}, {@link #recv}, {@link #epollWait}) allocate nothing and return
 *       codes: a count, {@link #ERROR} with the cause in {@link #lastError()}, or
 *       {@link #WOULD_BLOCK} when a non-blocking socket ({@link SrtOption#RCVSYN} /
 *       {@link SrtOption#SNDSYN} false) has nothing to give or no room. libsrt keeps the last
 *       error per OS thread, so read it on the thread that made the call, right after it (never
 *       from a virtual thread, which may change carrier in between).</li>
 *   <li>Messages are live-mode messages, one per call, at most {@link #MAX_LIVE_MESSAGE} bytes
 *       ({@link SrtOption#PAYLOADSIZE}, 1316 by default: seven MPEG-TS packets).</li>
 * </ul>
 *
 * <h2>Rejections the listen callback does not see</h2>
 * After a {@link SrtListenCallback} accepts a caller, libsrt still checks the passphrase and the
 * encryption policy ({@link SrtOption#ENFORCEDENCRYPTION}) and may reject the caller with
 * {@link SrtRejectReason#BADSECRET} or {@link SrtRejectReason#UNSECURE}. The C API gives a
 * listening application no notice of that: the half-made socket is closed inside libsrt, never
 * reaches {@code srt_accept}, raises no epoll event on the listener, and
 * {@code srt_getrejectreason} reads 0 for it once libsrt has dropped it (it only looks at live
 * sockets); {@code srt_connect_callback} exists for callers only. The one trace is libsrt's
 * own log: a warning {@code @<socket>:newConnection: connection rejected due to: INTERNAL
 * REJECTION - ERROR:BADSECRET} that names the socket the callback saw. {@link #setRejectListener}
 * installs a libsrt log handler that matches that line, joins it with the peer address and stream
 * id the callback recorded, and reports one {@link SrtHandshakeRejection} per rejected caller
 * (rate-limited), whose {@link SrtHandshakeRejection#describe()} reads
 * {@code peer 10.0.0.5:40001 on port 8890: wrong passphrase}. libsrt's other warnings go to the
 * {@code org.openstreamer.connector.ingest.srt.libsrt} logger instead of stderr. This relies on
 * libsrt being built with logging (Debian's is) and on the wording of that one line; without a
 * reject listener, libsrt logs to stderr as usual.
 *
 * <h2>Class loaders</h2>
 * Each class loader that loads this class (each deployment of the adapter) extracts its own copy
 * of the glue under a unique temporary name, because the JVM refuses to load one library file
 * into two class loaders; the copy is deleted as soon as it is loaded. libsrt itself is shared by
 * the process. Close every socket before the deployment goes away: a listener's callback points
 * into the glue of the class loader that installed it (the glue closes such listeners when it is
 * unloaded). The libsrt log handler is process-wide: the last deployment to set it gets it.
 */
public final class SrtNative {

    /** A call failed: {@link #lastError()} says why. */
    public static final int ERROR = -1;
    /** A non-blocking call could not proceed now ({@link SrtError#EASYNCRCV} / {@link SrtError#EASYNCSND}). */
    @Native public static final int WOULD_BLOCK = -2;
    /** The largest live-mode payload (UDP MTU 1500 - 28 - 16): the size of a receive buffer that always fits. */
    @Native public static final int MAX_LIVE_MESSAGE = 1456;

    public static final int EPOLL_IN = 0x1;
    public static final int EPOLL_OUT = 0x4;
    public static final int EPOLL_ERR = 0x8;
    /** Edge-triggered: report each readiness change once. */
    public static final int EPOLL_ET = 1 << 31;
    /** {@link #epollSetFlags} flag: waiting on an empty set is allowed (else an error). */
    public static final int EPOLL_ENABLE_EMPTY = 1;
    /** The most sockets one {@link #epollWait} reports per list. */
    @Native public static final int MAX_EPOLL_SOCKETS = 1024;

    @Native static final int MAX_OPTION_BYTES = 1024;
    @Native static final int MAX_STREAMID_BYTES = 512;
    @Native static final int REJECT_INTERNAL = SrtRejectReason.INTERNAL_SERVER_ERROR;
    @Native static final int REJECT_UNAVAILABLE = SrtRejectReason.SERVICE_UNAVAILABLE;

    @Native static final int STAT_ELAPSED_MS = 0;
    @Native static final int STAT_PKT_SENT = 1;
    @Native static final int STAT_PKT_RECV = 2;
    @Native static final int STAT_PKT_SND_LOSS = 3;
    @Native static final int STAT_PKT_RCV_LOSS = 4;
    @Native static final int STAT_PKT_RETRANS = 5;
    @Native static final int STAT_PKT_SND_DROP = 6;
    @Native static final int STAT_PKT_RCV_DROP = 7;
    @Native static final int STAT_PKT_RCV_UNDECRYPT = 8;
    @Native static final int STAT_BYTE_SENT = 9;
    @Native static final int STAT_BYTE_RECV = 10;
    @Native static final int STAT_MS_RCV_BUF = 11;
    @Native static final int STAT_MS_SND_BUF = 12;
    @Native static final int STATS_LONGS = 13;
    @Native static final int STAT_MBPS_SEND = 0;
    @Native static final int STAT_MBPS_RECV = 1;
    @Native static final int STAT_MS_RTT = 2;
    @Native static final int STAT_MBPS_BANDWIDTH = 3;
    @Native static final int STATS_DOUBLES = 4;

    static final String LIBRARY_RESOURCE = "/native/linux-x86_64/libopenstreamer-srt.so";
    /** System property: folder for the extracted glue when the temp folder is mounted noexec. */
    public static final String TMPDIR_PROPERTY = "openstreamer.srt.tmpdir";

    private static final Logger LOG = Logger.getLogger(SrtNative.class.getName());
    private static final int LOG_WARNING = 4;

    private static final Map<Integer, SrtListenCallback> CALLBACKS = new ConcurrentHashMap<>();
    static final SrtLibraryLog LIBRARY_LOG = new SrtLibraryLog(
            new LogRateLimiter(20, 5, System::nanoTime), new LogRateLimiter(50, 10, System::nanoTime));

    private static volatile boolean loaded;
    private static boolean libraryLinked;

    private SrtNative() {
    }

    // ---- loading ---------------------------------------------------------------------------------

    /**
     * Loads the glue and libsrt and starts libsrt, once per class loader; later calls return at
     * once. Throws {@link SrtUnavailableException} naming what is missing.
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        if (!libraryLinked) {
            SrtLibraryLoader.loadFromClassPath(LIBRARY_RESOURCE, System.getProperty(TMPDIR_PROPERTY));
            libraryLinked = true;
        }
        int rc = nStartup();
        if (rc < 0) {
            throw new SrtUnavailableException("srt_startup failed: " + nLastErrorString(), null);
        }
        loaded = true;
    }

    /**
     * Undoes {@link #load()}: closes the listeners with a callback into this copy of the glue,
     * stops the up-calls and balances libsrt's {@code srt_startup} with {@code srt_cleanup}. Call
     * it when the resource adapter stops, after every socket of this deployment is closed and the
     * threads that used them have ended; {@link #load()} may follow. libsrt counts startups and
     * undoes only one at process exit: each redeployment that skipped this left one more behind,
     * and two are enough for a double free when the JVM exits (docs/reliability.md).
     */
    public static synchronized void shutdown() {
        if (!loaded) {
            return;
        }
        loaded = false;
        CALLBACKS.clear();
        nShutdown();
    }

    public static boolean isLoaded() {
        return loaded;
    }

    private static void requireLoaded() {
        if (!loaded) {
            throw new IllegalStateException("SrtNative.load() has not run");
        }
    }

    /** libsrt's version, e.g. {@code 1.5.1}. */
    public static String version() {
        requireLoaded();
        int v = nVersion();
        return ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    // ---- sockets ---------------------------------------------------------------------------------

    /** A new socket in live mode's defaults (libsrt's default transport type). */
    public static int createSocket() {
        requireLoaded();
        return check(nCreateSocket(), "srt_create_socket");
    }

    /** Binds to a numeric address or host name (null or "" for all interfaces) and a UDP port (0 for any). */
    public static void bind(int socket, String host, int port) {
        check(nBind(socket, address(host), checkPort(port)), "bind " + host + ":" + port);
    }

    /**
     * Binds to an already bound UDP socket ({@link UdpPortWatch#bind}), which libsrt owns and
     * closes from then on. Datagrams queued on it are read by libsrt.
     */
    public static void bindAcquire(int socket, int udpSocket) {
        check(nBindAcquire(socket, udpSocket), "srt_bind_acquire");
    }

    public static void listen(int socket, int backlog) {
        check(nListen(socket, backlog), "listen");
    }

    /**
     * Installs {@code callback} on a listening socket (before or after {@link #listen}); null
     * removes it from this class's table, which then rejects callers with
     * {@link SrtRejectReason#SERVICE_UNAVAILABLE} (libsrt cannot uninstall a hook).
     */
    public static void setListenCallback(int listener, SrtListenCallback callback) {
        if (callback == null) {
            CALLBACKS.remove(listener);
            return;
        }
        CALLBACKS.put(listener, callback);
        if (nSetListenCallback(listener) == ERROR) {
            CALLBACKS.remove(listener);
            throw failure("srt_listen_callback", ERROR_NO_SOCKET);
        }
    }

    /**
     * Takes the next connection off a listener. Blocks unless the listener is non-blocking
     * ({@link SrtOption#RCVSYN} false), in which case it returns null when none is waiting (libsrt
     * logs an error line for that, so with epoll call it once per {@link #EPOLL_IN} wake-up: the
     * listener stays ready while callers are queued).
     */
    public static SrtAccepted accept(int listener) {
        String[] host = new String[1];
        int[] port = new int[1];
        int s = nAccept(listener, host, port);
        if (s == WOULD_BLOCK) {
            return null;
        }
        check(s, "accept");
        LIBRARY_LOG.forget(s);
        return new SrtAccepted(s, host[0], port[0]);
    }

    /**
     * Connects as a caller; blocks for the handshake (up to {@link SrtOption#CONNTIMEO}) unless the
     * socket is non-blocking. A rejection throws {@link SrtException} with
     * {@link SrtException#rejectReason()} set.
     */
    public static void connect(int socket, String host, int port) {
        int rc = nConnect(socket, address(host), checkPort(port));
        if (rc == ERROR) {
            throw failure("connect " + host + ":" + port, socket);
        }
    }

    /** Closes the socket; 0, or {@link #ERROR} when it was not open. */
    public static int close(int socket) {
        CALLBACKS.remove(socket);
        return nClose(socket);
    }

    public static SrtSocketState getSocketState(int socket) {
        return SrtSocketState.of(nGetSockState(socket));
    }

    /** The UDP port a bound socket has (the one the system chose after binding to port 0). */
    public static int localPort(int socket) {
        return check(nLocalPort(socket), "srt_getsockname");
    }

    // ---- options ---------------------------------------------------------------------------------

    /** Sets an {@link SrtOption.Kind#INT}, {@link SrtOption.Kind#INT64} or {@link SrtOption.Kind#LINGER} option. */
    public static void setOption(int socket, SrtOption option, long value) {
        int rc = switch (option.kind()) {
            case INT -> nSetInt(socket, option.id(), Math.toIntExact(value));
            case INT64 -> nSetLong(socket, option.id(), value);
            case LINGER -> nSetLinger(socket, Math.toIntExact(value));
            case BOOL -> nSetInt(socket, option.id(), value != 0 ? 1 : 0);
            case STRING -> throw new IllegalArgumentException(option + " takes a string");
        };
        check(rc, "set " + option + "=" + value);
    }

    public static void setOption(int socket, SrtOption option, boolean value) {
        if (option.kind() != SrtOption.Kind.BOOL) {
            throw new IllegalArgumentException(option + " is not a boolean option");
        }
        check(nSetInt(socket, option.id(), value ? 1 : 0), "set " + option + "=" + value);
    }

    /** Sets a {@link SrtOption.Kind#STRING} option (UTF-8; null counts as ""). */
    public static void setOption(int socket, SrtOption option, String value) {
        if (option.kind() != SrtOption.Kind.STRING) {
            throw new IllegalArgumentException(option + " is not a string option");
        }
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_OPTION_BYTES) {
            throw new IllegalArgumentException(option + " longer than " + MAX_OPTION_BYTES + " bytes");
        }
        check(nSetBytes(socket, option.id(), bytes), "set " + option);
    }

    /** Reads an integer, boolean (0/1), linger (seconds) or 64-bit option. */
    public static long getOption(int socket, SrtOption option) {
        switch (option.kind()) {
            case INT64 -> {
                long[] out = new long[1];
                check(nGetLong(socket, option.id(), out), "get " + option);
                return out[0];
            }
            case LINGER -> {
                int[] out = new int[1];
                check(nGetLinger(socket, out), "get " + option);
                return out[0];
            }
            case STRING -> throw new IllegalArgumentException(option + " is a string option");
            default -> {
                int[] out = new int[1];
                check(nGetInt(socket, option.id(), out), "get " + option);
                return out[0];
            }
        }
    }

    public static String getStringOption(int socket, SrtOption option) {
        if (option.kind() != SrtOption.Kind.STRING) {
            throw new IllegalArgumentException(option + " is not a string option");
        }
        byte[] out = new byte[MAX_OPTION_BYTES];
        int n = check(nGetBytes(socket, option.id(), out), "get " + option);
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** 10..79 characters, or null / "" for no encryption. Also valid inside a listen callback. */
    public static void setPassphrase(int socket, String passphrase) {
        setOption(socket, SrtOption.PASSPHRASE, passphrase);
    }

    /** Receive and peer latency together ({@link SrtOption#LATENCY}), in milliseconds. */
    public static void setLatency(int socket, int millis) {
        setOption(socket, SrtOption.LATENCY, millis);
    }

    public static void setStreamId(int socket, String streamId) {
        setOption(socket, SrtOption.STREAMID, streamId);
    }

    /** The stream id a caller sent, read on the accepted socket. */
    public static String getStreamId(int socket) {
        return getStringOption(socket, SrtOption.STREAMID);
    }

    // ---- data ------------------------------------------------------------------------------------

    /** Sends one message; returns its length, {@link #WOULD_BLOCK} or {@link #ERROR}. */
    public static int send(int socket, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length > MAX_LIVE_MESSAGE) {
            throw new IllegalArgumentException("a live-mode message holds at most " + MAX_LIVE_MESSAGE + " bytes");
        }
        return nSend(socket, data, offset, length);
    }

    /**
     * Receives one message into {@code data[offset..]} (give it {@link #MAX_LIVE_MESSAGE} bytes to
     * be safe); returns its length, {@link #WOULD_BLOCK} or {@link #ERROR}.
     */
    public static int recv(int socket, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return nRecv(socket, data, offset, length);
    }

    /**
     * Sends the remaining bytes of a direct buffer as one message and advances its position.
     * Returns the length sent, {@link #WOULD_BLOCK} or {@link #ERROR}.
     */
    public static int send(int socket, ByteBuffer src) {
        requireDirect(src);
        int pos = src.position();
        int n = nSendDirect(socket, src, pos, src.remaining());
        if (n > 0) {
            src.position(pos + n);
        }
        return n;
    }

    /**
     * Receives one message into a direct buffer at its position, advancing it. Returns the
     * length, {@link #WOULD_BLOCK} or {@link #ERROR}.
     */
    public static int recv(int socket, ByteBuffer dst) {
        requireDirect(dst);
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int pos = dst.position();
        int n = nRecvDirect(socket, dst, pos, dst.remaining());
        if (n > 0) {
            dst.position(pos + n);
        }
        return n;
    }

    private static void requireDirect(ByteBuffer b) {
        if (!b.isDirect()) {
            throw new IllegalArgumentException("a direct ByteBuffer is required (use the byte[] variant)");
        }
    }

    // ---- epoll -----------------------------------------------------------------------------------

    public static int epollCreate() {
        requireLoaded();
        return check(nEpollCreate(), "srt_epoll_create");
    }

    /**
     * Watches {@code socket} for {@code events} ({@link #EPOLL_IN} | {@link #EPOLL_OUT} |
     * {@link #EPOLL_ERR}; for a listener, {@link #EPOLL_IN} means a caller waits in accept). Add a
     * listener before {@link #listen}: libsrt 1.5 raises the event when a caller is queued, and a
     * listener added later is not told about callers queued before.
     */
    public static void epollAdd(int eid, int socket, int events) {
        check(nEpollAdd(eid, socket, events), "srt_epoll_add_usock");
    }

    public static void epollUpdate(int eid, int socket, int events) {
        check(nEpollUpdate(eid, socket, events), "srt_epoll_update_usock");
    }

    /** Stops watching; libsrt also drops closed sockets by itself. */
    public static void epollRemove(int eid, int socket) {
        check(nEpollRemove(eid, socket), "srt_epoll_remove_usock");
    }

    /** Sets {@link #EPOLL_ENABLE_EMPTY} and the like; returns the previous flags. */
    public static int epollSetFlags(int eid, int flags) {
        return check(nEpollSetFlags(eid, flags), "srt_epoll_set");
    }

    /**
     * Waits up to {@code timeoutMs} (-1: forever, 0: poll) for ready sockets and writes them into
     * {@code readable} and {@code writable} (which may be null); {@code counts[0]} and
     * {@code counts[1]} receive how many of each. A broken socket shows in both lists (with
     * {@link #EPOLL_ERR} asked for). Returns the number of ready sockets, 0 on timeout, or
     * {@link #ERROR} (e.g. {@link SrtError#EPOLLEMPTY} when nothing is watched and
     * {@link #EPOLL_ENABLE_EMPTY} is not set). Allocates nothing.
     */
    public static int epollWait(int eid, int[] readable, int[] writable, int[] counts, long timeoutMs) {
        Objects.requireNonNull(readable, "readable");
        if (counts.length < 2) {
            throw new IllegalArgumentException("counts needs two slots");
        }
        return nEpollWait(eid, readable, writable, counts, timeoutMs);
    }

    public static void epollRelease(int eid) {
        check(nEpollRelease(eid), "srt_epoll_release");
    }

    // ---- statistics and errors -------------------------------------------------------------------

    /** The connection's counters; {@code clear} restarts the interval the rates cover. */
    public static SrtStats stats(int socket, boolean clear) {
        long[] l = new long[STATS_LONGS];
        double[] d = new double[STATS_DOUBLES];
        check(nStats(socket, clear, l, d), "srt_bstats");
        return new SrtStats(l[STAT_ELAPSED_MS], l[STAT_PKT_SENT], l[STAT_PKT_RECV], l[STAT_PKT_SND_LOSS],
                l[STAT_PKT_RCV_LOSS], l[STAT_PKT_RETRANS], l[STAT_PKT_SND_DROP], l[STAT_PKT_RCV_DROP],
                l[STAT_PKT_RCV_UNDECRYPT], l[STAT_BYTE_SENT], l[STAT_BYTE_RECV], (int) l[STAT_MS_RCV_BUF],
                (int) l[STAT_MS_SND_BUF], d[STAT_MBPS_SEND], d[STAT_MBPS_RECV], d[STAT_MS_RTT], d[STAT_MBPS_BANDWIDTH]);
    }

    /** libsrt's last error on this thread ({@link SrtError}). */
    public static int lastError() {
        return nLastError();
    }

    public static String lastErrorString() {
        return nLastErrorString();
    }

    public static String errorString(int code) {
        return nErrorString(code);
    }

    public static void clearLastError() {
        nClearLastError();
    }

    /** Why this socket's connection was rejected (see {@link SrtRejectReason}); 0 when it was not, or is gone. */
    public static int getRejectReason(int socket) {
        return nGetRejectReason(socket);
    }

    /** libsrt's text for a reject reason (one fixed text for all application codes). */
    public static String rejectReasonString(int reason) {
        return nRejectReasonString(reason);
    }

    /** Sets an application reject reason (at least {@link SrtRejectReason#PREDEFINED}) on a socket. */
    public static void setRejectReason(int socket, int reason) {
        check(nSetRejectReason(socket, reason), "srt_setrejectreason " + reason);
    }

    /**
     * Reports callers that libsrt rejects after a listen callback accepted them (wrong passphrase,
     * encryption mismatch) to {@code listener}, run on {@code executor}; at most 5 reports a second
     * after a burst of 20, the rest counted in the next one. Installs a libsrt log handler for the
     * whole process (warnings and errors); libsrt's other log lines then go to the
     * {@code org.openstreamer.connector.ingest.srt.libsrt} logger, rate-limited. A null listener
     * restores libsrt's logging to stderr. See the class comment for why this goes through the log.
     */
    public static synchronized void setRejectListener(SrtRejectListener listener, Executor executor) {
        requireLoaded();
        if (listener != null) {
            Objects.requireNonNull(executor, "executor");
        }
        LIBRARY_LOG.configure(listener, listener == null ? null : executor);
        nSetLogHandler(listener != null, LOG_WARNING);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static final int ERROR_NO_SOCKET = -1;

    private static int check(int rc, String operation) {
        if (rc < 0) {
            throw failure(operation, ERROR_NO_SOCKET);
        }
        return rc;
    }

    private static SrtException failure(String operation, int socket) {
        int code = nLastError();
        int reason = code == SrtError.ECONNREJ && socket != ERROR_NO_SOCKET ? nGetRejectReason(socket) : 0;
        return new SrtException(operation, code, nLastErrorString(), reason);
    }

    private static byte[] address(String host) {
        try {
            return (host == null || host.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host))
                    .getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    // ---- up-calls from srt_jni.c -----------------------------------------------------------------

    /** The listen hook, on libsrt's receive thread. Never throws. */
    @SuppressWarnings("unused")
    private static int onListen(int listener, int socket, int hsVersion, String peerHost, int peerPort, byte[] streamId) {
        SrtListenCallback callback = CALLBACKS.get(listener);
        if (callback == null) {
            return SrtRejectReason.SERVICE_UNAVAILABLE;
        }
        String sid = new String(streamId, StandardCharsets.UTF_8);
        int result;
        try {
            result = callback.onConnect(listener, socket, hsVersion, peerHost, peerPort, sid);
        } catch (Throwable t) {   // nothing may unwind into libsrt
            LOG.log(Level.WARNING, "SRT listen callback failed for " + peerHost + ":" + peerPort, t);
            return SrtRejectReason.INTERNAL_SERVER_ERROR;
        }
        if (result == 0) {
            LIBRARY_LOG.expect(socket, new SrtLibraryLog.Pending(listener, Math.max(0, nLocalPort(listener)),
                    peerHost, peerPort, sid));
            return 0;
        }
        if (!SrtRejectReason.isApplicationCode(result)) {
            LOG.warning("SRT listen callback returned " + result + ", not 0 or a code >= 1000: rejecting with 1500");
            return SrtRejectReason.INTERNAL_SERVER_ERROR;
        }
        return result;
    }

    /** libsrt's log handler, on whichever thread logged, under libsrt's logger lock. Never throws. */
    @SuppressWarnings("unused")
    private static void onLog(int level, String area, byte[] message) {
        try {
            LIBRARY_LOG.onLine(level, area, new String(message, StandardCharsets.UTF_8));
        } catch (Throwable t) {
            // a logging failure must not unwind into libsrt; there is nowhere left to report it
        }
    }

    // ---- natives (srt_jni.c) ---------------------------------------------------------------------

    private static native int nStartup();
    private static native void nShutdown();
    private static native int nVersion();
    private static native void nSetLogHandler(boolean enable, int level);
    private static native int nLastError();
    private static native String nLastErrorString();
    private static native String nErrorString(int code);
    private static native void nClearLastError();
    private static native int nGetRejectReason(int socket);
    private static native int nSetRejectReason(int socket, int reason);
    private static native String nRejectReasonString(int reason);
    private static native int nCreateSocket();
    private static native int nBind(int socket, byte[] address, int port);
    private static native int nBindAcquire(int socket, int udpSocket);
    private static native int nListen(int socket, int backlog);
    private static native int nConnect(int socket, byte[] address, int port);
    private static native int nAccept(int listener, String[] hostOut, int[] portOut);
    private static native int nSetListenCallback(int listener);
    private static native int nClose(int socket);
    private static native int nGetSockState(int socket);
    private static native int nLocalPort(int socket);
    private static native int nSetInt(int socket, int option, int value);
    private static native int nSetLong(int socket, int option, long value);
    private static native int nSetLinger(int socket, int seconds);
    private static native int nSetBytes(int socket, int option, byte[] value);
    private static native int nGetInt(int socket, int option, int[] out);
    private static native int nGetLong(int socket, int option, long[] out);
    private static native int nGetLinger(int socket, int[] out);
    private static native int nGetBytes(int socket, int option, byte[] out);
    private static native int nSend(int socket, byte[] data, int offset, int length);
    private static native int nRecv(int socket, byte[] data, int offset, int length);
    private static native int nSendDirect(int socket, ByteBuffer buffer, int position, int length);
    private static native int nRecvDirect(int socket, ByteBuffer buffer, int position, int length);
    private static native int nEpollCreate();
    private static native int nEpollAdd(int eid, int socket, int events);
    private static native int nEpollUpdate(int eid, int socket, int events);
    private static native int nEpollRemove(int eid, int socket);
    private static native int nEpollSetFlags(int eid, int flags);
    private static native int nEpollRelease(int eid);
    private static native int nEpollWait(int eid, int[] readable, int[] writable, int[] counts, long timeoutMs);
    private static native int nStats(int socket, boolean clear, long[] longs, double[] doubles);
}
