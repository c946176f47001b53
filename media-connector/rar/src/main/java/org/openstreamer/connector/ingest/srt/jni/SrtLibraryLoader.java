package org.openstreamer.connector.ingest.srt.jni;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the JNI glue from the class path. The JVM binds a library file to the first class loader
 * that loads it and refuses it to any other, and a redeployed adapter comes with a new class
 * loader: so every load copies the library to a new temporary file, loads that, and deletes it
 * at once (the loaded mapping stays valid, nothing is left behind).
 */
final class SrtLibraryLoader {

    private static final Logger LOG = Logger.getLogger(SrtLibraryLoader.class.getName());

    private SrtLibraryLoader() {
    }

    /**
     * @param resource the library's class-path name
     * @param tmpDir   folder for the temporary copy, or null for {@code java.io.tmpdir}
     */
    static void loadFromClassPath(String resource, String tmpDir) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new SrtUnavailableException("the SRT glue is built for linux-x86_64 only, not " + os + "-" + arch, null);
        }
        Path copy = null;
        try (InputStream in = SrtLibraryLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SrtUnavailableException(resource + " is not on the class path: the build compiles it "
                        + "with gcc against libsrt (apt-get install gcc libsrt-openssl-dev)", null);
            }
            copy = tmpDir == null ? Files.createTempFile("openstreamer-srt-", ".so")
                    : Files.createTempFile(Path.of(tmpDir), "openstreamer-srt-", ".so");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            System.load(copy.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new SrtUnavailableException("cannot write the SRT glue to a temporary file (choose a folder with -D"
                    + SrtNative.TMPDIR_PROPERTY + "=<folder>): " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError e) {
            String why = String.valueOf(e.getMessage());
            String hint = why.contains("libsrt") ? "libsrt 1.5 is not installed (apt-get install libsrt1.5-openssl)"
                    : "the SRT glue does not load (temporary folder mounted noexec? choose another with -D"
                    + SrtNative.TMPDIR_PROPERTY + "=<folder>)";
            throw new SrtUnavailableException(hint + ": " + why, e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(Level.FINE, "could not delete " + p, e);
            }
        }
    }
}
