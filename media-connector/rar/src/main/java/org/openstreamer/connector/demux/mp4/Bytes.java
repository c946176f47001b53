package org.openstreamer.connector.demux.mp4;

/** Big-endian reads; callers have checked the bounds. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] a, int p) {
        return a[p] & 0xFF;
    }

    static int u16(byte[] a, int p) {
        return ((a[p] & 0xFF) << 8) | (a[p + 1] & 0xFF);
    }

    static long u32(byte[] a, int p) {
        return ((a[p] & 0xFFL) << 24) | ((a[p + 1] & 0xFFL) << 16) | ((a[p + 2] & 0xFFL) << 8) | (a[p + 3] & 0xFFL);
    }

    static int s32(byte[] a, int p) {
        return (int) u32(a, p);
    }

    static long u64(byte[] a, int p) {
        return (u32(a, p) << 32) | u32(a, p + 4);
    }
}
