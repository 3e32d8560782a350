package jp.nimo.infra.db;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded PostgreSQL on its own, so that both services of {@code ./nimo run} can share it.
 * Prints one line {@code NIMO_DB_URL=<jdbc url>} once it accepts connections and stops it on SIGTERM.
 * Arguments: the data directory and the port. It is always {@link EmbeddedDatabase.Durability#DURABLE}:
 * this is the database whose 201s are promises. The settings the server reports are printed too.
 */
public final class EmbeddedDatabaseMain {

    private EmbeddedDatabaseMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedDatabaseMain <data directory> <port>");
            System.exit(2);
        }
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), Integer.parseInt(args[1]),
                EmbeddedDatabase.Durability.DURABLE);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            database.close();
            stopped.countDown();
        }, "embedded-postgres-stop"));
        System.out.println("durability: fsync=" + database.setting("fsync")
                + " synchronous_commit=" + database.setting("synchronous_commit")
                + " full_page_writes=" + database.setting("full_page_writes"));
        System.out.println("NIMO_DB_URL=" + database.jdbcUrl());
        System.out.flush();
        stopped.await();
    }
}
