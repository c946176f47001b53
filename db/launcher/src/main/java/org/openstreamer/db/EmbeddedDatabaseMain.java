package org.openstreamer.db;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code java -cp 'target/openstreamer-db-launcher-VERSION.jar:target/lib/*' org.openstreamer.db.EmbeddedDatabaseMain
 * --port 5433 --data var/pgdata --work var/pg-bin}:
 * starts the embedded PostgreSQL, prints one ready line, and stops it on SIGINT/SIGTERM. If the
 * postmaster dies (crash, OOM killer, kill -9) it is started again on the same data folder.
 */
public final class EmbeddedDatabaseMain {

    public static final String READY = "EMBEDDED_POSTGRES_READY";

    private EmbeddedDatabaseMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 5433;
        Path data = Path.of("var", "pgdata");
        Path work = Path.of("var", "pg-bin");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--data" -> data = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --port N --data DIR --work DIR)");
            }
        }
        Path dataDir = data.toAbsolutePath();
        Path workDir = work.toAbsolutePath();
        AtomicReference<EmbeddedDatabase> db = new AtomicReference<>(EmbeddedDatabase.start(port, dataDir, workDir));
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.countDown();
            synchronized (db) {
                try {
                    db.get().close();
                    System.out.println("Embedded PostgreSQL stopped");
                } catch (Exception e) {
                    System.err.println("Embedded PostgreSQL did not stop cleanly: " + e);
                } finally {
                    stopped.countDown();
                }
            }
        }, "pg-shutdown"));
        System.out.println(READY + " " + db.get().jdbcUrl() + " data=" + dataDir);
        while (!stopping.await(2, TimeUnit.SECONDS)) {
            synchronized (db) {
                if (stopping.getCount() == 0 || db.get().isAlive()) {
                    continue;
                }
                System.err.println("PostgreSQL is gone; starting it again");
                try {
                    db.get().close();
                } catch (Exception ignored) {
                    // it is already dead: close only releases the data folder's lock
                }
                try {
                    db.set(EmbeddedDatabase.start(port, dataDir, workDir));
                    System.out.println("PostgreSQL restarted on port " + port);
                } catch (Exception e) {
                    System.err.println("PostgreSQL restart failed, retrying: " + e);
                }
            }
        }
        stopped.await();
    }
}
