package jp.nimo.projection.drills;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code ./nimo run} as an operator starts it: the launcher, its embedded PostgreSQL and both services, on a
 * data directory and ports of its own. Its output is kept (and echoed) so that a drill can wait for what the
 * launcher says, and {@code nimo.pids} names the processes a drill may kill.
 */
final class RunningNimo implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    final Path root;
    final Path dataDir;
    final int writePort;
    final int readPort;
    final int dbPort;
    private final Process launcher;
    private final List<String> output = new ArrayList<>();

    private RunningNimo(Path root, Path dataDir, int writePort, int readPort, int dbPort, Process launcher) {
        this.root = root;
        this.dataDir = dataDir;
        this.writePort = writePort;
        this.readPort = readPort;
        this.dbPort = dbPort;
        this.launcher = launcher;
        // a drill stopped from outside (Ctrl-C) stops the Nimo it started too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (launcher.isAlive()) {
                launcher.destroy();
                try {
                    launcher.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "nimo-launcher-stop"));
        Thread reader = new Thread(this::readOutput, "nimo-launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    static RunningNimo start(Path root) throws IOException, InterruptedException {
        return start(root, Map.of());
    }

    /** Starts Nimo with {@code extra} in the environment of the launcher and so of every process it starts. */
    static RunningNimo start(Path root, Map<String, String> extra) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("nimo-drill");
        int writePort = freePort();
        int readPort = freePort();
        int dbPort = freePort();
        Map<String, String> env = new HashMap<>(extra);
        env.put("NIMO_WRITE_PORT", String.valueOf(writePort));
        env.put("NIMO_READ_PORT", String.valueOf(readPort));
        ProcessBuilder builder = nimo(root, dataDir, dbPort, env, List.of("run"));
        RunningNimo nimo = new RunningNimo(root, dataDir, writePort, readPort, dbPort, builder.start());
        nimo.awaitOutput(line -> line.startsWith("Nimo is up"), START_TIMEOUT);
        return nimo;
    }

    /** What a {@code ./nimo} command printed and how it exited. */
    record Command(int exitCode, String output) {
    }

    /** Runs another {@code ./nimo} command beside this run, with this run's environment and {@code extra} over it. */
    Command command(Map<String, String> extra, String... arguments) throws IOException, InterruptedException {
        Process process = nimo(root, dataDir, dbPort, extra, List.of(arguments)).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new DrillFailure("'nimo " + String.join(" ", arguments) + "' did not finish within 5 minutes");
        }
        output.lines().forEach(l -> System.out.println("  > " + l));
        return new Command(process.exitValue(), output);
    }

    /**
     * {@code ./nimo <arguments>} on a data directory and database port, with none of the caller's own NIMO_
     * settings and {@code extra} over them.
     */
    private static ProcessBuilder nimo(Path root, Path dataDir, int dbPort, Map<String, String> extra,
                                       List<String> arguments) {
        List<String> line = new ArrayList<>();
        line.add(root.resolve("nimo").toString());
        line.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(line).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("NIMO_"));
        env.put("NIMO_DATA_DIR", dataDir.toString());
        env.put("NIMO_DB_PORT", String.valueOf(dbPort));
        env.putAll(extra);
        return builder;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("  | " + line);
                synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // the launcher has gone; awaitOutput notices
        }
    }

    int linesSoFar() {
        synchronized (output) {
            return output.size();
        }
    }

    /** Waits for a line of the launcher's output, from the start of its output. */
    String awaitOutput(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return awaitOutputAfter(0, wanted, timeout);
    }

    /** Waits for a line of the launcher's output after the first {@code skip} lines. */
    String awaitOutputAfter(int skip, Predicate<String> wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (output) {
            while (true) {
                for (int i = skip; i < output.size(); i++) {
                    if (wanted.test(output.get(i))) {
                        return output.get(i);
                    }
                }
                if (!launcher.isAlive()) {
                    throw new DrillFailure("the launcher exited (" + launcher.exitValue() + ") before it said what was awaited");
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new DrillFailure("the launcher did not say what was awaited within " + timeout);
                }
                output.wait(Math.min(left, 500));
            }
        }
    }

    /** The processes of the run as the launcher lists them: launcher, postgres, write-side, read-side. */
    Map<String, Long> pids() throws IOException {
        Map<String, Long> pids = new HashMap<>();
        for (String line : Files.readAllLines(dataDir.resolve("nimo.pids"))) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2) {
                pids.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return pids;
    }

    long pid(String name) throws IOException {
        Long pid = pids().get(name);
        if (pid == null) {
            throw new DrillFailure("nimo.pids names no " + name);
        }
        return pid;
    }

    String password(String user) throws IOException {
        for (String line : Files.readAllLines(dataDir.resolve("demo-credentials.txt"))) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 2 && parts[0].equals(user)) {
                return parts[1];
            }
        }
        throw new DrillFailure("no demo password for " + user);
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + dbPort + "/nimo", "postgres", "");
    }

    /** Sends a signal to a process and, for a stop or a continue, to its children too (PostgreSQL's backends). */
    static void signal(String signal, long pid, boolean withChildren) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, String.valueOf(pid)));
        if (withChildren) {
            ProcessHandle.of(pid).ifPresent(process ->
                    process.children().forEach(child -> command.add(String.valueOf(child.pid()))));
        }
        Process kill = new ProcessBuilder(command).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new DrillFailure("'" + String.join(" ", command) + "' failed");
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The resident memory of a process in MiB, from the kernel's view of it. */
    static Optional<Long> residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        launcher.destroy(); // SIGTERM: the launcher stops the services and the database in order
        if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
    }
}
