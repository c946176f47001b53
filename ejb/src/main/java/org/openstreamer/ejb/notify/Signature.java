package org.openstreamer.ejb.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The signatures of a webhook body made with a sink's {@code sign_key}: {@code X-Signature}, the
 * reference's scheme (hex SHA-1 of the body with the key appended), for receivers written for it,
 * and {@code X-Signature-256}, hex HMAC-SHA256 of the body, which new receivers should check.
 */
public final class Signature {

    public static final String HEADER = "X-Signature";
    public static final String HEADER_256 = "X-Signature-256";

    private Signature() {
    }

    public static String sha1(byte[] body, String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(body);
            sha1.update(key.getBytes(UTF_8));
            return HexFormat.of().formatHex(sha1.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    public static String hmacSha256(byte[] body, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
