package org.openstreamer.ejb.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A keyed hash (HMAC-SHA256) of a user name and password, the key of {@link VerifiedCredentials}.
 * The key is random and lives only in this process, so the digests are worthless anywhere else and
 * the password itself is never kept.
 */
public final class CredentialDigest {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public CredentialDigest() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        key = new SecretKeySpec(bytes, ALGORITHM);
    }

    public String of(String username, char[] password) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // user "ab" + "c" must differ from "a" + "bc"
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            mac.update(bytes);
            Arrays.fill(bytes, (byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
