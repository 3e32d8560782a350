package jp.nimo.infra.backup;

import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code backup FILE} and {@code restore FILE} for the operator, on the database of {@code NIMO_DB_URL}
 * ({@code NIMO_DB_USER}, {@code NIMO_DB_PASSWORD}). Prints one summary line and exits 0; exits 2 on a
 * usage error, 3 when a restore refuses a database that is not empty, 1 on any other failure with a
 * one-line reason on stderr (and the stack trace when {@code NIMO_DEBUG} is set).
 */
public final class DatabaseBackupMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_EMPTY = 3;

    private static final String KEY_NOTE = "the master key (NIMO_MASTER_KEY or master.key in the data directory)";

    private DatabaseBackupMain() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        if (blank(environment.get("NIMO_DEBUG"))) {
            quietLogging();
        }
        System.exit(run(args, environment, System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length != 2 || !(args[0].equals("backup") || args[0].equals("restore")) || args[1].isBlank()) {
            err.println("usage: backup FILE | restore FILE (with NIMO_DB_URL, NIMO_DB_USER, NIMO_DB_PASSWORD set)");
            return USAGE;
        }
        String command = args[0];
        Path file = Path.of(args[1]).toAbsolutePath();
        String url = environment.get("NIMO_DB_URL");
        if (blank(url)) {
            err.println("nimo " + command + ": NIMO_DB_URL is not set: it names the database to " + command);
            return USAGE;
        }
        if (command.equals("restore") && !Files.isRegularFile(file)) {
            err.println("nimo restore: " + file + " is not a file");
            return USAGE;
        }
        if (command.equals("backup") && (Files.isDirectory(file) || !Files.isDirectory(file.getParent()))) {
            err.println("nimo backup: " + file + " cannot be written: " + (Files.isDirectory(file)
                    ? "it is a directory" : "its directory does not exist"));
            return USAGE;
        }
        DatabaseBackup database = DatabaseBackup.connectingTo(url, emptyToNull(environment.get("NIMO_DB_USER")),
                emptyToNull(environment.get("NIMO_DB_PASSWORD")));
        try {
            if (command.equals("backup")) {
                DatabaseBackup.Summary summary = database.backup(file);
                out.println("nimo backup: wrote " + file + ": " + counts(summary)
                        + "; " + KEY_NOTE + " is not in the backup: keep it separately");
            } else {
                DatabaseBackup.Summary summary = database.restore(file);
                out.println("nimo restore: restored " + file + ": " + counts(summary)
                        + "; the case data needs " + KEY_NOTE + " it was written with, which is not in the backup");
            }
            return OK;
        } catch (RestoreRefused e) {
            err.println("nimo restore: " + oneLine(e));
            return NOT_EMPTY;
        } catch (RuntimeException e) {
            err.println("nimo " + command + ": " + oneLine(e));
            if (!blank(environment.get("NIMO_DEBUG"))) {
                e.printStackTrace(err);
            }
            return FAILED;
        }
    }

    private static String counts(DatabaseBackup.Summary summary) {
        return summary.tables() + " tables, " + summary.rows() + " rows, " + summary.bytes() + " bytes, schema version "
                + summary.schemaVersion();
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    /** The summary line is the output: Flyway's and the driver's log lines would bury it. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String emptyToNull(String value) {
        return blank(value) ? null : value;
    }
}
