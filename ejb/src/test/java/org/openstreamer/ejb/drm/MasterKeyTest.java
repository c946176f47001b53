package org.openstreamer.ejb.drm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasterKeyTest {

    @TempDir
    Path dir;

    @Test
    void madeOnceInTheCredentialStoreThenReadBack() throws Exception {
        Path store = dir.resolve("data/openstreamer-drm.cs");
        SecretKey first = MasterKey.load(store);
        assertTrue(Files.exists(store));
        assertEquals(32, first.getEncoded().length, "AES-256");
        assertArrayEquals(first.getEncoded(), MasterKey.load(store).getEncoded(), "a restart reads the same key");
        String file = Files.readString(store);
        assertTrue(file.contains(MasterKey.ALIAS + "="), "under its alias, in Elytron's store format");
        assertFalse(file.contains(HexFormat.of().formatHex(first.getEncoded())), "not as plain hex");
    }
}
