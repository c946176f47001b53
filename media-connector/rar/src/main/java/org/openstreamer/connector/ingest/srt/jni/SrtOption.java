package org.openstreamer.connector.ingest.srt.jni;

/**
 * The libsrt socket options this binding sets and reads, with their numbers from {@code srt.h}
 * ({@code SRT_SOCKOPT}, libsrt 1.5) and the C type each one takes. Options marked "pre" in the
 * libsrt documentation must be set before {@code bind}/{@code connect}/{@code listen}; an accepted
 * socket inherits the listener's values, and inside a {@link SrtListenCallback} the new socket
 * still takes {@link #PASSPHRASE}, {@link #PBKEYLEN} and the latencies.
 */
public enum SrtOption {
    MSS(0, Kind.INT),
    SNDSYN(1, Kind.BOOL),
    RCVSYN(2, Kind.BOOL),
    FC(4, Kind.INT),
    SNDBUF(5, Kind.INT),
    RCVBUF(6, Kind.INT),
    /** Seconds to wait for unsent data on close; 0 turns lingering off (the live-mode default). */
    LINGER(7, Kind.LINGER),
    UDP_SNDBUF(8, Kind.INT),
    UDP_RCVBUF(9, Kind.INT),
    /** Milliseconds a blocking send waits; -1 forever. */
    SNDTIMEO(13, Kind.INT),
    /** Milliseconds a blocking receive waits; -1 forever. */
    RCVTIMEO(14, Kind.INT),
    REUSEADDR(15, Kind.BOOL),
    MAXBW(16, Kind.INT64),
    /** Read only: the socket state, see {@link SrtSocketState}. */
    STATE(17, Kind.INT),
    /** Read only: the epoll events that are ready now. */
    EVENT(18, Kind.INT),
    SNDDATA(19, Kind.INT),
    RCVDATA(20, Kind.INT),
    TSBPDMODE(22, Kind.BOOL),
    /** Milliseconds; sets both {@link #RCVLATENCY} and {@link #PEERLATENCY}, reads the former. */
    LATENCY(23, Kind.INT),
    INPUTBW(24, Kind.INT64),
    OHEADBW(25, Kind.INT),
    /** 10..79 characters, or empty for none. Write only. */
    PASSPHRASE(26, Kind.STRING),
    /** AES key length in bytes: 0 (the peer's choice), 16, 24 or 32. */
    PBKEYLEN(27, Kind.INT),
    /** Read only: the key-material state, {@link #KM_UNSECURED} .. {@link #KM_BADSECRET}. */
    KMSTATE(28, Kind.INT),
    IPTTL(29, Kind.INT),
    IPTOS(30, Kind.INT),
    TLPKTDROP(31, Kind.BOOL),
    NAKREPORT(33, Kind.BOOL),
    VERSION(34, Kind.INT),
    PEERVERSION(35, Kind.INT),
    /** Milliseconds a caller waits for the handshake (default 3000). */
    CONNTIMEO(36, Kind.INT),
    SNDKMSTATE(40, Kind.INT),
    RCVKMSTATE(41, Kind.INT),
    RCVLATENCY(43, Kind.INT),
    PEERLATENCY(44, Kind.INT),
    MINVERSION(45, Kind.INT),
    /** At most 512 bytes: libsrt refuses longer values with {@link SrtError#EINVPARAM}. */
    STREAMID(46, Kind.STRING),
    CONGESTION(47, Kind.STRING),
    MESSAGEAPI(48, Kind.BOOL),
    /** Largest payload of one message: 1316 (7 TS packets) by default in live mode, at most 1456. */
    PAYLOADSIZE(49, Kind.INT),
    /** Write only: {@link #TRANSTYPE_LIVE} or {@link #TRANSTYPE_FILE}; resets the options it implies. */
    TRANSTYPE(50, Kind.INT),
    KMREFRESHRATE(51, Kind.INT),
    KMPREANNOUNCE(52, Kind.INT),
    /** On by default: a passphrase mismatch rejects the connection instead of delivering garbage. */
    ENFORCEDENCRYPTION(53, Kind.BOOL),
    IPV6ONLY(54, Kind.INT),
    /** Milliseconds of silence from the peer before the connection counts as broken (default 5000). */
    PEERIDLETIMEO(55, Kind.INT),
    PACKETFILTER(60, Kind.STRING),
    RETRANSMITALGO(61, Kind.INT);

    /** Value of {@link #TRANSTYPE} for live mode ({@code SRTT_LIVE}). */
    public static final int TRANSTYPE_LIVE = 0;
    /** Value of {@link #TRANSTYPE} for file mode ({@code SRTT_FILE}). */
    public static final int TRANSTYPE_FILE = 1;

    /** {@link #KMSTATE} / {@link #RCVKMSTATE} / {@link #SNDKMSTATE}: no encryption. */
    public static final int KM_UNSECURED = 0;
    /** Key material being exchanged. */
    public static final int KM_SECURING = 1;
    /** Encrypted, both sides hold the key. */
    public static final int KM_SECURED = 2;
    /** The peer encrypts and this side has no passphrase. */
    public static final int KM_NOSECRET = 3;
    /** The peer encrypts with another passphrase. */
    public static final int KM_BADSECRET = 4;

    /** The C type behind an option, which decides how the glue passes the value. */
    public enum Kind { INT, INT64, BOOL, STRING, LINGER }

    private final int id;
    private final Kind kind;

    SrtOption(int id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The {@code SRTO_*} number. */
    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }
}
