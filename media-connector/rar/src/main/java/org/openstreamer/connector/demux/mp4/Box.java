package org.openstreamer.connector.demux.mp4;

/**
 * One box (ISO/IEC 14496-12 4.2) inside an array already read: its type and where its payload
 * lies. {@link #children} walks the boxes of a payload, each size checked against its parent
 * before anything is taken from it, so a lying size is an error and never an allocation.
 */
final class Box {

    final String type;
    /** The payload: after the header, up to the end of the box. */
    final int start;
    final int end;

    private Box(String type, int start, int end) {
        this.type = type;
        this.start = start;
        this.end = end;
    }

    int length() {
        return end - start;
    }

    /** The boxes in {@code a[from..to)}; throws when one claims more than is left. */
    static java.util.List<Box> children(byte[] a, int from, int to) throws Mp4FormatException {
        java.util.List<Box> list = new java.util.ArrayList<>();
        int p = from;
        while (p < to) {
            if (to - p < 8) {
                throw new Mp4FormatException(to - p + " stray bytes at the end of a box");
            }
            long size = Bytes.u32(a, p);
            String type = fourcc(a, p + 4);
            int header = 8;
            if (size == 1) {
                if (to - p < 16) {
                    throw new Mp4FormatException("box '" + type + "' is cut off in its header");
                }
                size = Bytes.u64(a, p + 8);
                header = 16;
            } else if (size == 0) {
                size = to - p; // to the end of the parent
            }
            if (size < header || size > to - p) {
                throw new Mp4FormatException("box '" + type + "' claims " + Long.toUnsignedString(size)
                        + " bytes where " + (to - p) + " are left");
            }
            list.add(new Box(type, p + header, (int) (p + size)));
            p += (int) size;
            if (list.size() > 100_000) {
                throw new Mp4FormatException("more than 100000 boxes in one box");
            }
        }
        return list;
    }

    /** The first child of {@code type}, or null. */
    static Box find(java.util.List<Box> boxes, String type) {
        for (Box b : boxes) {
            if (b.type.equals(type)) {
                return b;
            }
        }
        return null;
    }

    static String fourcc(byte[] a, int p) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int v = a[p + i] & 0xFF;
            c[i] = v >= 0x20 && v < 0x7F ? (char) v : '?';
        }
        return new String(c);
    }

    @Override
    public String toString() {
        return type;
    }
}
