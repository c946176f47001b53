package org.openstreamer.connector.ingest.srt.jni;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A redeployed adapter gets a new class loader, and the JVM will not load one library file into
 * two class loaders: each load extracts its own copy, then deletes it.
 */
class SrtClassLoaderTest {

    @Test
    void asecondClassLoaderLoadsItsOwnCopy(@TempDir Path tmp) throws Exception {
        SrtNative.load();
        URL classes = SrtNative.class.getProtectionDomain().getCodeSource().getLocation();
        String previous = System.getProperty(SrtNative.TMPDIR_PROPERTY);
        System.setProperty(SrtNative.TMPDIR_PROPERTY, tmp.toString());
        try (URLClassLoader deployment = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> other = deployment.loadClass(SrtNative.class.getName());
            assertNotSame(SrtNative.class, other);
            other.getMethod("load").invoke(null);
            assertEquals(Boolean.TRUE, other.getMethod("isLoaded").invoke(null));
            Method create = other.getMethod("createSocket");
            Method close = other.getMethod("close", int.class);
            int s = (int) create.invoke(null);
            assertTrue(s > 0);
            assertEquals(0, close.invoke(null, s));
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(0, left.count(), "the extracted copy is deleted once loaded");
            }
            // As the adapter does when it stops: a second unbalanced srt_startup makes libsrt's
            // exit-time cleanup free what its collector thread still uses (SrtExitTest).
            other.getMethod("shutdown").invoke(null);
            assertEquals(Boolean.FALSE, other.getMethod("isLoaded").invoke(null));
        } finally {
            if (previous == null) {
                System.clearProperty(SrtNative.TMPDIR_PROPERTY);
            } else {
                System.setProperty(SrtNative.TMPDIR_PROPERTY, previous);
            }
        }
        int s = SrtNative.createSocket();   // the first loader's copy still works
        assertEquals(0, SrtNative.close(s));
    }
}
