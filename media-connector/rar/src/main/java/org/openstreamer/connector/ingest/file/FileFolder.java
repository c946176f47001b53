package org.openstreamer.connector.ingest.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The folder {@code file://} inputs read from: system property {@code openstreamer.files.dir},
 * else {@code files} in WildFly's data folder. A path that leads out of it, by {@code ..} or by a
 * symbolic link, is refused, so a stream's configuration cannot read other files of the server.
 */
public final class FileFolder {

    public static final String PROPERTY = "openstreamer.files.dir";

    private FileFolder() {
    }

    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), "files");
    }

    /**
     * The real path of {@code relative} under {@code root}.
     *
     * @throws IOException with a sentence for a missing file, or one outside the folder
     */
    public static Path resolve(Path root, String relative) throws IOException {
        Path base;
        try {
            base = root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException("the file folder " + root + " does not exist (system property " + PROPERTY + ")");
        }
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(base)) {
            throw new IOException("file://" + relative + " is outside the file folder " + base);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IOException("no file " + relative + " in the file folder " + base);
        }
        if (!real.startsWith(base)) {
            throw new IOException("file://" + relative + " leads outside the file folder " + base);
        }
        if (!Files.isRegularFile(real)) {
            throw new IOException("file://" + relative + " is not a file");
        }
        return real;
    }
}
