package org.openstreamer.connector.ingest.rtmp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes AMF0 values into a buffer reused for every command reply of a connection: replies are
 * few, but a reused buffer keeps them free of per-message garbage beyond their strings.
 */
final class Amf0Writer {

    private byte[] buf = new byte[512];
    private int length;

    Amf0Writer reset() {
        length = 0;
        return this;
    }

    byte[] array() {
        return buf;
    }

    int length() {
        return length;
    }

    Amf0Writer string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            put(Amf0.LONG_STRING);
            u32(b.length);
        } else {
            put(Amf0.STRING);
            u16(b.length);
        }
        bytes(b);
        return this;
    }

    Amf0Writer number(double d) {
        put(Amf0.NUMBER);
        long bits = Double.doubleToLongBits(d);
        u32((int) (bits >>> 32));
        u32((int) bits);
        return this;
    }

    Amf0Writer bool(boolean b) {
        put(Amf0.BOOLEAN);
        put(b ? 1 : 0);
        return this;
    }

    Amf0Writer nul() {
        put(Amf0.NULL);
        return this;
    }

    /** An object of strings, numbers, booleans and nested maps. */
    Amf0Writer object(Map<String, ?> properties) {
        put(Amf0.OBJECT);
        properties(properties);
        return this;
    }

    /** An ECMA array (what onMetaData carries). */
    Amf0Writer ecmaArray(Map<String, ?> properties) {
        put(Amf0.ECMA_ARRAY);
        u32(properties.size());
        properties(properties);
        return this;
    }

    private void properties(Map<String, ?> properties) {
        properties.forEach((key, value) -> {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            u16(k.length);
            bytes(k);
            value(value);
        });
        u16(0);
        put(Amf0.OBJECT_END);
    }

    @SuppressWarnings("unchecked")
    private void value(Object v) {
        if (v == null) {
            nul();
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Number n) {
            number(n.doubleValue());
        } else if (v instanceof Boolean b) {
            bool(b);
        } else if (v instanceof Map<?, ?> m) {
            object((Map<String, ?>) m);
        } else {
            throw new IllegalArgumentException("no AMF0 form for " + v.getClass().getSimpleName());
        }
    }

    private void u16(int v) {
        put(v >>> 8);
        put(v);
    }

    private void u32(int v) {
        u16(v >>> 16);
        u16(v);
    }

    private void put(int b) {
        ensure(1);
        buf[length++] = (byte) b;
    }

    private void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, length, b.length);
        length += b.length;
    }

    private void ensure(int n) {
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
        }
    }
}
