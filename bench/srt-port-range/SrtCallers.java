import org.openstreamer.connector.ingest.srt.jni.SrtNative;
import org.openstreamer.connector.ingest.srt.jni.SrtOption;
import org.openstreamer.connector.ingest.srt.jni.SrtSocketState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load for bench/srt-port-range, through the project's own libsrt binding (one process for many
 * connections, where one ffmpeg per author would swamp a small machine).
 *
 * <pre>
 * publish HOST FIRST_PORT FROM COUNT SECONDS FILE   COUNT callers at once (non-blocking connects, like
 *                                                   ffmpeg's) to ports FIRST_PORT+FROM..,
 *                                                   author N's passphrase as docs/examples/config-backend.py
 *                                                   derives it; prints connect times, then sends FILE
 *                                                   (MPEG-TS) at its own bitrate on each for SECONDS
 * listen FIRST_PORT COUNT SECONDS                   the eager way: this process's threads, PSS and idle
 *                                                   CPU with libsrt loaded and no listener, then with
 *                                                   COUNT libsrt listeners bound at once, and the
 *                                                   difference per listener
 * </pre>
 */
public class SrtCallers {

    public static void main(String[] args) throws Exception {
        SrtNative.load();
        switch (args[0]) {
            case "publish" -> publish(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), Path.of(args[6]));
            case "listen" -> listen(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static String passphrase(int author) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(("demo-secret-" + author).getBytes());
        return HexFormat.of().formatHex(d).substring(0, 24);
    }

    static void publish(String host, int firstPort, int from, int count, int seconds, Path file) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<long[]>> connects = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int author = from + i;
            connects.add(pool.submit(() -> {
                int s = SrtNative.createSocket();
                SrtNative.setOption(s, SrtOption.TRANSTYPE, SrtOption.TRANSTYPE_LIVE);
                SrtNative.setPassphrase(s, passphrase(author));
                // Non-blocking connect and wait, as ffmpeg and OBS do: libsrt then repeats a lost
                // handshake packet every 250 ms (a blocking connect waits up to a second).
                SrtNative.setOption(s, SrtOption.RCVSYN, false);
                SrtNative.setOption(s, SrtOption.SNDSYN, false);
                int eid = SrtNative.epollCreate();
                long start = System.nanoTime();
                try {
                    SrtNative.epollAdd(eid, s, SrtNative.EPOLL_OUT | SrtNative.EPOLL_ERR);
                    SrtNative.connect(s, host, firstPort + author);
                    int[] r = new int[4], w = new int[4], n = new int[2];
                    SrtNative.epollWait(eid, r, w, n, 6000);
                    long micros = (System.nanoTime() - start) / 1000;
                    if (SrtNative.getSocketState(s) != SrtSocketState.CONNECTED) {
                        throw new IllegalStateException("not connected (" + SrtNative.getSocketState(s)
                                + ", reject reason " + SrtNative.getRejectReason(s) + ")");
                    }
                    SrtNative.setOption(s, SrtOption.SNDSYN, true);
                    return new long[]{s, micros};
                } catch (RuntimeException e) {
                    SrtNative.close(s);
                    System.err.println("author-" + author + ": " + e.getMessage());
                    return new long[]{-1, -1};
                } finally {
                    SrtNative.epollRelease(eid);
                }
            }));
        }
        List<Integer> sockets = new ArrayList<>();
        long[] micros = new long[count];
        int ok = 0;
        for (Future<long[]> f : connects) {
            long[] r = f.get();
            if (r[0] >= 0) {
                sockets.add((int) r[0]);
                micros[ok++] = r[1];
            }
        }
        pool.shutdown();
        long[] done = Arrays.copyOf(micros, ok);
        Arrays.sort(done);
        System.out.printf("connected %d/%d  connect_ms p50=%.1f p99=%.1f max=%.1f%n", ok, count,
                pct(done, 0.50) / 1000.0, pct(done, 0.99) / 1000.0, ok == 0 ? 0 : done[ok - 1] / 1000.0);
        System.out.flush();

        byte[] ts = Files.readAllBytes(file);
        double durationSeconds = Double.parseDouble(System.getProperty("file.seconds", "20"));
        double bytesPerNano = ts.length / (durationSeconds * 1e9);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0; // per socket: every socket sends the same bytes at the same pace
        int failures = 0;
        while (System.nanoTime() < end && !sockets.isEmpty()) {
            long due = (long) ((System.nanoTime() - start) * bytesPerNano);
            while (sent + 1316 <= due) {
                int off = (int) (sent % (ts.length - ts.length % 1316));
                for (int k = sockets.size() - 1; k >= 0; k--) {
                    if (SrtNative.send(sockets.get(k), ts, off, 1316) < 0) {
                        SrtNative.close(sockets.remove(k));
                        failures++;
                    }
                }
                sent += 1316;
            }
            Thread.sleep(5);
        }
        System.out.printf("sent %.1f MB per caller over %d s, %d callers lost%n", sent / 1e6, seconds, failures);
        sockets.forEach(SrtNative::close);
    }

    static void listen(int firstPort, int count, int seconds) throws Exception {
        // The JVM and libsrt's own start-up are not part of what a listener costs: only the
        // difference between the two states is scaled per port.
        SrtNative.close(SrtNative.createSocket());
        double[] base = idle(seconds);
        List<Integer> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int s = SrtNative.createSocket();
            SrtNative.bind(s, "127.0.0.1", firstPort + i);
            SrtNative.listen(s, 16);
            sockets.add(s);
        }
        double[] bound = idle(seconds);
        System.out.printf("eager listeners=%d threads=%.0f pss_mib=%.0f idle_cpu_percent=%.1f"
                        + " base_threads=%.0f base_pss_mib=%.0f base_idle_cpu_percent=%.1f%n",
                count, bound[0], bound[1], bound[2], base[0], base[1], base[2]);
        sockets.forEach(SrtNative::close);
    }

    /** Threads, PSS (MiB) and CPU (% of a core) of this process over {@code seconds} after 2 s of settling. */
    static double[] idle(int seconds) throws Exception {
        Thread.sleep(2000);
        long cpu0 = cpuTicks();
        Thread.sleep(seconds * 1000L);
        long cpu1 = cpuTicks();
        String status = Files.readString(Path.of("/proc/self/status"));
        String rollup = Files.readString(Path.of("/proc/self/smaps_rollup"));
        return new double[] {Double.parseDouble(field(status, "Threads:")),
                Long.parseLong(field(rollup, "Pss:").split("\\s+")[0]) / 1024.0,
                (cpu1 - cpu0) * 100.0 / ticksPerSecond() / seconds};
    }

    static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.ceil(sorted.length * p) - 1];
    }

    static long cpuTicks() throws Exception {
        String[] f = Files.readString(Path.of("/proc/self/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long ticksPerSecond() {
        return Long.getLong("clk.tck", 100);
    }

    static String field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name)).findFirst().orElse(name + " ?").substring(name.length()).strip();
    }
}
