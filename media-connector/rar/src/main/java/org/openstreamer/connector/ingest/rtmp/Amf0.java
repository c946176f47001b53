package org.openstreamer.connector.ingest.rtmp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0 values as RTMP commands and metadata carry them (AMF0 specification, section 2), read into
 * plain Java values: {@link Double}, {@link Boolean}, {@link String}, {@link Map} (object, ECMA
 * array), {@link List} (strict array), null (null and undefined). Commands are rare, so this side
 * favours clarity over allocation; malformed input is an {@link Amf0Exception}.
 */
final class Amf0 {

    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int REFERENCE = 0x07;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;

    /** Objects nested deeper than this are refused: no real encoder needs it, a hostile one would recurse. */
    static final int MAX_DEPTH = 16;

    private Amf0() {
    }

    /** Reads every value of {@code len} bytes at {@code off}. */
    static List<Object> readAll(byte[] buf, int off, int len) {
        Reader r = new Reader(buf, off, len);
        List<Object> values = new ArrayList<>();
        while (r.pos < r.end) {
            values.add(r.value(0));
        }
        return values;
    }

    /** A bounds-checked cursor over one message. */
    private static final class Reader {
        private final byte[] buf;
        private final int end;
        private int pos;

        Reader(byte[] buf, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, buf.length);
            this.buf = buf;
            this.pos = off;
            this.end = off + len;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new Amf0Exception("values nested deeper than " + MAX_DEPTH);
            }
            int marker = u8();
            return switch (marker) {
                case NUMBER -> Double.longBitsToDouble(u64());
                case BOOLEAN -> u8() != 0;
                case STRING -> utf8(u16());
                case LONG_STRING -> utf8(length(u32()));
                case OBJECT -> properties(new LinkedHashMap<>(), depth);
                case ECMA_ARRAY -> {
                    u32(); // an approximate count; the end marker is what counts
                    yield properties(new LinkedHashMap<>(), depth);
                }
                case STRICT_ARRAY -> {
                    int count = length(u32());
                    List<Object> list = new ArrayList<>(Math.min(count, 64));
                    for (int i = 0; i < count; i++) {
                        list.add(value(depth + 1));
                    }
                    yield list;
                }
                case DATE -> {
                    double millis = Double.longBitsToDouble(u64());
                    u16(); // time zone, unused by the format's own rules
                    yield millis;
                }
                case NULL, UNDEFINED -> null;
                case REFERENCE -> throw new Amf0Exception("references are not supported");
                default -> throw new Amf0Exception("unknown type marker 0x" + Integer.toHexString(marker)
                        + " at byte " + (pos - 1));
            };
        }

        private Map<String, Object> properties(Map<String, Object> into, int depth) {
            while (true) {
                String key = utf8(u16());
                if (key.isEmpty() && pos < end && (buf[pos] & 0xFF) == OBJECT_END) {
                    pos++;
                    return into;
                }
                into.put(key, value(depth + 1));
            }
        }

        /** A count or length that must fit in what is left (each element takes at least one byte). */
        private int length(long n) {
            if (n > end - pos) {
                throw new Amf0Exception("length " + n + " runs past the end of the message");
            }
            return (int) n;
        }

        private String utf8(int n) {
            need(n);
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        private int u8() {
            need(1);
            return buf[pos++] & 0xFF;
        }

        private int u16() {
            return (u8() << 8) | u8();
        }

        private long u32() {
            return ((long) u16() << 16) | u16();
        }

        private long u64() {
            return (u32() << 32) | u32();
        }

        private void need(int n) {
            if (n > end - pos) {
                throw new Amf0Exception("value truncated at byte " + pos);
            }
        }
    }
}
