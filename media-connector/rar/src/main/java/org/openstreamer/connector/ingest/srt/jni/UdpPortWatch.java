package org.openstreamer.connector.ingest.srt.jni;

/**
 * Plain UDP sockets watched through one Linux epoll set (glue in {@code udp_watch.c}, shipped in
 * the same library as {@link SrtNative}; call {@link SrtNative#load()} first). A port range of
 * thousands of SRT ports is watched this way for the price of one descriptor per port and no
 * thread; a port is handed to libsrt with {@link SrtNative#bindAcquire} once a caller shows up
 * and its stream is known. Failures return {@code -errno}; {@link #errorText} names it.
 */
public final class UdpPortWatch {

    private UdpPortWatch() {
    }

    /** A new epoll set, or -errno. */
    public static int create() {
        return nCreate();
    }

    /** A blocking UDP socket bound to {@code address:port} (IPv4) with SO_REUSEADDR, or -errno. */
    public static int bind(java.net.Inet4Address address, int port) {
        return nBind(java.nio.ByteBuffer.wrap(address.getAddress()).getInt(), port);
    }

    /** Watches {@code fd} for a datagram; 0 or -errno. */
    public static int add(int epoll, int fd, int port) {
        return nAdd(epoll, fd, port);
    }

    public static int remove(int epoll, int fd) {
        return nRemove(epoll, fd);
    }

    /**
     * Waits up to {@code timeoutMs} for datagrams; returns how many sockets are readable, each
     * in {@code ready} as {@code fd << 32 | port} (see {@link #fd} and {@link #port}), or -errno.
     */
    public static int await(int epoll, long[] ready, int timeoutMs) {
        return nWait(epoll, ready, timeoutMs);
    }

    public static int fd(long ready) {
        return (int) (ready >>> 32);
    }

    public static int port(long ready) {
        return (int) ready;
    }

    /** "host:port" of the next queued datagram's sender, left queued; null when none. */
    public static String peekSender(int fd) {
        return nPeekSender(fd);
    }

    /** Drops the queued datagrams; how many. */
    public static int drain(int fd) {
        return nDrain(fd);
    }

    public static int close(int fd) {
        return nClose(fd);
    }

    public static String errorText(int negativeErrno) {
        return nErrorText(-negativeErrno);
    }

    private static native int nCreate();
    private static native int nBind(int address, int port);
    private static native int nAdd(int epoll, int fd, int port);
    private static native int nRemove(int epoll, int fd);
    private static native int nWait(int epoll, long[] ready, int timeoutMs);
    private static native String nPeekSender(int fd);
    private static native int nDrain(int fd);
    private static native int nClose(int fd);
    private static native String nErrorText(int errno);
}
