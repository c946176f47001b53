package org.openstreamer.connector.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A small seeded mutation fuzzer run as a plain JUnit test.
 *
 * <p>Inputs are seeds (files under {@code fuzz/<name>/} on the test class path plus seeds made in
 * code) changed by stacked mutations: bit flips, interesting values at random places, byte inserts,
 * deletes, duplicates, truncation, splices with another pool entry and dictionary tokens. The target
 * returns a short outcome signature; an input whose signature was not seen before joins the pool, a
 * cheap stand-in for coverage feedback.
 *
 * <p>An input fails the run when the target throws something the harness does not allow, when it
 * runs longer than {@code fuzz.timeoutMs}, or when it allocates more than {@code fuzz.maxAllocMb} on
 * its thread (default 64). The failing input is written under {@code target/fuzz-failures/<name>/}.
 *
 * <p>Budget: {@code fuzz.inputs} (default 3000) and {@code fuzz.seconds} (default 8), whichever ends
 * first; {@code fuzz.seed} fixes the random sequence (default: a hash of the name, so CI repeats).
 */
public final class MutationFuzzer {

    /** The code under test; returns a short signature of what the input did (may be null). */
    @FunctionalInterface
    public interface Target {
        Object run(byte[] input) throws Exception;
    }

    /** What a run did. */
    public record Result(long inputs, long millis, int pool, long allowedExceptions, long maxAllocatedBytes) {
        public double perSecond() {
            return millis == 0 ? inputs : inputs * 1000.0 / millis;
        }
    }

    private static final int[] INTERESTING = {0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
            0x10000, 0xffffff, 0x7fffffff, 0x80000000, 0xffffffff};

    private final String name;
    private final List<byte[]> pool = new ArrayList<>();
    private final List<byte[]> dictionary = new ArrayList<>();
    private Predicate<Throwable> allowed = t -> false;
    private int maxLength = 1 << 16;

    public MutationFuzzer(String name) {
        this.name = name;
        pool.addAll(resourceSeeds(name));
    }

    public MutationFuzzer seed(byte[] input) {
        pool.add(input.clone());
        return this;
    }

    public MutationFuzzer seed(String input) {
        return seed(input.getBytes(StandardCharsets.UTF_8));
    }

    public MutationFuzzer token(String token) {
        dictionary.add(token.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Exceptions the parser documents; anything else fails the run. */
    public MutationFuzzer allow(Predicate<Throwable> allowed) {
        this.allowed = allowed;
        return this;
    }

    public MutationFuzzer maxLength(int maxLength) {
        this.maxLength = maxLength;
        return this;
    }

    public List<byte[]> seeds() {
        return List.copyOf(pool);
    }

    /** Runs the budget; throws AssertionError on the first bad input. */
    public Result run(Target target) {
        long inputs = Long.getLong("fuzz.inputs", 3000);
        long seconds = Long.getLong("fuzz.seconds", 8);
        long timeoutMs = Long.getLong("fuzz.timeoutMs", 5000);
        long maxAlloc = Long.getLong("fuzz.maxAllocMb", 64) << 20;
        Random random = new Random(Long.getLong("fuzz.seed", (long) name.hashCode()));
        if (pool.isEmpty()) {
            pool.add(new byte[0]);
        }
        Worker worker = new Worker(target, random, inputs, seconds * 1000, maxAlloc);
        Thread thread = new Thread(worker, "fuzz-" + name);
        thread.setDaemon(true);
        thread.start();
        try {
            while (thread.isAlive()) {
                thread.join(100);
                long started = worker.inputStarted;
                if (started != 0 && System.nanoTime() - started > timeoutMs * 1_000_000L && thread.isAlive()) {
                    byte[] input = worker.current;
                    throw new AssertionError(name + ": input ran over " + timeoutMs + " ms (hang?), saved as "
                            + save(input) + stack(thread));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (worker.failure != null) {
            throw worker.failure;
        }
        Result r = new Result(worker.done, worker.millis, pool.size(), worker.allowedCount, worker.maxAllocated);
        System.out.printf("fuzz %s: %d inputs in %d ms (%.0f/s), pool %d, allowed exceptions %d, "
                        + "most allocated by one input %d KiB%n", name, r.inputs(), r.millis(), r.perSecond(), r.pool(),
                r.allowedExceptions(), r.maxAllocatedBytes() >> 10);
        return r;
    }

    /**
     * One input under this harness's rules, for a coverage-guided engine that makes the inputs
     * itself (the Jazzer targets, docs/reliability.md): an allowed exception counts as a normal
     * outcome, any other is thrown as it is; an input that allocates more than {@code fuzz.maxAllocMb}
     * on this thread or runs longer than {@code fuzz.timeoutMs} fails with an AssertionError. Such an
     * input is run a second time before it fails, since the first run may have paid for loading and
     * instrumenting classes. A loop that never returns is left to the engine's own timeout. An input
     * longer than {@code maxLength} is cut to it, as this fuzzer's own mutants are.
     *
     * @return the target's signature, or the exception's class and message shape
     */
    public Object check(byte[] input, Target target) throws Exception {
        byte[] in = input.length > maxLength ? Arrays.copyOf(input, maxLength) : input;
        long timeoutNs = Long.getLong("fuzz.timeoutMs", 5000) * 1_000_000L;
        long maxAlloc = Long.getLong("fuzz.maxAllocMb", 64) << 20;
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int attempt = 1; ; attempt++) {
            long before = mx.getThreadAllocatedBytes(id);
            long started = System.nanoTime();
            Object signature;
            try {
                signature = target.run(in.clone());
            } catch (Exception e) {
                if (!allowed.test(e)) {
                    throw e;
                }
                signature = e.getClass().getName() + ':' + shorten(e.getMessage());
            }
            long nanos = System.nanoTime() - started;
            long allocated = mx.getThreadAllocatedBytes(id) - before;
            if (nanos <= timeoutNs && allocated <= maxAlloc) {
                return signature;
            }
            if (attempt == 2) {
                throw new AssertionError(name + ": one input ran " + nanos / 1_000_000 + " ms and allocated "
                        + (allocated >> 20) + " MiB (limits " + timeoutNs / 1_000_000 + " ms, "
                        + (maxAlloc >> 20) + " MiB), twice");
            }
        }
    }

    private final class Worker implements Runnable {
        final Target target;
        final Random random;
        final long inputs;
        final long budgetMs;
        final long maxAlloc;
        final Set<Object> signatures = new HashSet<>();
        volatile long inputStarted;
        volatile byte[] current;
        volatile AssertionError failure;
        long done;
        long millis;
        long allowedCount;
        long maxAllocated;

        Worker(Target target, Random random, long inputs, long budgetMs, long maxAlloc) {
            this.target = target;
            this.random = random;
            this.inputs = inputs;
            this.budgetMs = budgetMs;
            this.maxAlloc = maxAlloc;
        }

        @Override
        public void run() {
            com.sun.management.ThreadMXBean mx =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            long start = System.currentTimeMillis();
            int seeds = pool.size();
            for (long i = 0; i < inputs; i++) {
                if (System.currentTimeMillis() - start > budgetMs) {
                    break;
                }
                // every seed once as it is, then mutants
                byte[] input = i < seeds ? pool.get((int) i) : mutate(random);
                current = input;
                long before = mx.getThreadAllocatedBytes(id);
                inputStarted = System.nanoTime();
                Object signature;
                try {
                    signature = target.run(input.clone());
                } catch (Throwable t) {
                    if (t instanceof VirtualMachineError || !allowed.test(t)) {
                        failure = new AssertionError(name + ": " + t + " for input saved as " + save(input), t);
                        return;
                    }
                    allowedCount++;
                    signature = t.getClass().getName() + ':' + shorten(t.getMessage());
                } finally {
                    inputStarted = 0;
                }
                long allocated = mx.getThreadAllocatedBytes(id) - before;
                maxAllocated = Math.max(maxAllocated, allocated);
                if (allocated > maxAlloc) {
                    failure = new AssertionError(name + ": one input allocated " + (allocated >> 20)
                            + " MiB, saved as " + save(input));
                    return;
                }
                if (signature != null && signatures.add(signature) && i >= seeds && pool.size() < 4096) {
                    pool.add(input);
                }
                done++;
            }
            millis = System.currentTimeMillis() - start;
        }
    }

    private static String shorten(String message) {
        if (message == null) {
            return "";
        }
        // numbers differ per input; keep the shape of the message only
        String s = message.replaceAll("[0-9]+", "#");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    byte[] mutate(Random r) {
        byte[] b = pool.get(r.nextInt(pool.size()));
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
            b = mutateOnce(b, r);
        }
        return b.length > maxLength ? Arrays.copyOf(b, maxLength) : b;
    }

    private byte[] mutateOnce(byte[] b, Random r) {
        int len = b.length;
        switch (r.nextInt(10)) {
            case 0 -> { // bit flip
                if (len > 0) {
                    b = b.clone();
                    b[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> { // random byte
                if (len > 0) {
                    b = b.clone();
                    b[r.nextInt(len)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> { // interesting value, 1, 2 or 4 bytes, big endian
                int width = 1 << r.nextInt(3);
                if (len >= width) {
                    b = b.clone();
                    int v = INTERESTING[r.nextInt(INTERESTING.length)];
                    int at = r.nextInt(len - width + 1);
                    for (int j = 0; j < width; j++) {
                        b[at + j] = (byte) (v >>> (8 * (width - 1 - j)));
                    }
                }
            }
            case 3 -> { // insert random bytes
                byte[] add = new byte[1 + r.nextInt(8)];
                r.nextBytes(add);
                b = insert(b, r.nextInt(len + 1), add);
            }
            case 4 -> { // delete a range
                if (len > 0) {
                    int at = r.nextInt(len);
                    int n = 1 + r.nextInt(Math.min(len - at, 64));
                    byte[] c = new byte[len - n];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + n, c, at, len - at - n);
                    b = c;
                }
            }
            case 5 -> { // duplicate a range
                if (len > 0) {
                    int at = r.nextInt(len);
                    int n = 1 + r.nextInt(Math.min(len - at, 256));
                    b = insert(b, r.nextInt(len + 1), Arrays.copyOfRange(b, at, at + n));
                }
            }
            case 6 -> b = Arrays.copyOf(b, len == 0 ? 0 : r.nextInt(len)); // truncate
            case 7 -> { // splice with another pool entry
                byte[] o = pool.get(r.nextInt(pool.size()));
                int cut = len == 0 ? 0 : r.nextInt(len + 1);
                int from = o.length == 0 ? 0 : r.nextInt(o.length);
                byte[] c = Arrays.copyOf(b, cut + o.length - from);
                System.arraycopy(o, from, c, cut, o.length - from);
                b = c;
            }
            case 8 -> { // dictionary token, inserted or overwriting
                if (!dictionary.isEmpty()) {
                    byte[] t = dictionary.get(r.nextInt(dictionary.size()));
                    int at = r.nextInt(len + 1);
                    if (r.nextBoolean() || at + t.length > len) {
                        b = insert(b, at, t);
                    } else {
                        b = b.clone();
                        System.arraycopy(t, 0, b, at, t.length);
                    }
                }
            }
            default -> { // arithmetic on one byte
                if (len > 0) {
                    b = b.clone();
                    b[r.nextInt(len)] += (byte) (r.nextInt(35) - 17);
                }
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] add) {
        byte[] c = new byte[b.length + add.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(add, 0, c, at, add.length);
        System.arraycopy(b, at, c, at + add.length, b.length - at);
        return c;
    }

    private String save(byte[] input) {
        try {
            Path dir = Paths.get("target", "fuzz-failures", name);
            Files.createDirectories(dir);
            Path file = dir.resolve(Integer.toHexString(Arrays.hashCode(input)) + ".bin");
            Files.write(file, input);
            return file.toString();
        } catch (IOException e) {
            return "(not saved: " + e + ")";
        }
    }

    private static String stack(Thread t) {
        StringBuilder s = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            s.append("\n\tat ").append(e);
        }
        return s.toString();
    }

    private static List<byte[]> resourceSeeds(String name) {
        URL url = MutationFuzzer.class.getClassLoader().getResource("fuzz/" + name);
        if (url == null || !"file".equals(url.getProtocol())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path p : files.sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
