package org.openstreamer.connector.engine;

import java.nio.file.Path;

/**
 * Where a stream's {@code backup} file is: its configured path ({@code vod/blank.ts}, the VOD
 * location first) under the VOD root, the system property {@code openstreamer.vod.root}, by
 * default {@code vod} in the server's data directory. The API refuses absolute paths and
 * {@code ..}, and the result is checked to stay under the root all the same.
 */
final class BackupFiles {

    static final String ROOT_PROPERTY = "openstreamer.vod.root";

    private BackupFiles() {
    }

    static Path root() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root == null || root.isBlank()) {
            root = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")) + "/vod";
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** The file on disk; a path that would leave the root resolves to a name that does not exist under it. */
    static Path resolve(String configured) {
        Path root = root();
        Path p = root.resolve(configured.startsWith("/") ? configured.substring(1) : configured).normalize();
        return p.startsWith(root) ? p : root.resolve("refused-path-outside-the-vod-root");
    }
}
