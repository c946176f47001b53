package org.openstreamer.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The WildFly JVM the tests run on, found by its base folder (the parent of the server log's
 * folder), and what it holds as Linux counts it in {@code /proc}: threads (native ones too, such as
 * libsrt's, which the JVM's own thread count leaves out) and open file descriptors (files, sockets,
 * pipes).
 */
final class ServerProcess {

    private ServerProcess() {
    }

    /** Threads and open file descriptors of the process at one moment. */
    record Usage(int threads, int fds) {
        @Override
        public String toString() {
            return threads + " threads, " + fds + " file descriptors";
        }
    }

    /** The pid of the tests' WildFly JVM; fails if there is not exactly one. */
    static long pid() {
        Path base = Path.of(System.getProperty("it.server.log")).toAbsolutePath().getParent().getParent();
        String option = "-Djboss.server.base.dir=" + base;
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .filter(p -> p.info().commandLine().map(c -> Arrays.asList(c.split(" ")).contains(option)).orElse(false))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " processes run with " + option + ": " + found);
        }
        return found.get(0).pid();
    }

    /**
     * The least of {@code samples} counts taken a second apart: a file or connection open for a
     * moment (a segment being written, a request being answered) is not growth; a leak stays.
     */
    static Usage usage(long pid, int samples) throws IOException, InterruptedException {
        int threads = Integer.MAX_VALUE;
        int fds = Integer.MAX_VALUE;
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                Thread.sleep(1000);
            }
            threads = Math.min(threads, entries(Path.of("/proc", Long.toString(pid), "task")));
            fds = Math.min(fds, entries(Path.of("/proc", Long.toString(pid), "fd")));
        }
        return new Usage(threads, fds);
    }

    private static int entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return (int) s.count();
        }
    }
}
