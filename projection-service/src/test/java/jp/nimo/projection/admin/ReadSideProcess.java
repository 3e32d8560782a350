package jp.nimo.projection.admin;

import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import jp.nimo.projection.ProjectionServiceApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static org.awaitility.Awaitility.await;

/**
 * A read-side node in a JVM of its own, on the test database: unlike a {@link RunningService}, it can be
 * killed as a machine dies, with no shutdown hook, no released claim and no last write.
 */
final class ReadSideProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final Http http;

    private ReadSideProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.http = new Http(port);
    }

    /** Starts the node on this JVM's classpath and waits until it answers. */
    static ReadSideProcess start(String... properties) {
        try {
            int port = freePort();
            Path log = Files.createTempFile("nimo-read-node", ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    // under Surefire a manifest-only jar that names the test classpath, which -cp follows
                    "-cp", System.getProperty("java.class.path"),
                    ProjectionServiceApplication.class.getName(),
                    "--server.port=" + port, "--spring.application.name=nimo-projection-service-node"));
            for (String property : TestDatabaseInitializer.properties(TestDatabase.get())) {
                command.add("--" + property);
            }
            for (String property : properties) {
                command.add("--" + property);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ReadSideProcess node = new ReadSideProcess(process, log, port);
            // a test JVM that ends early must not leave the node running on
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "nimo-read-node-stop"));
            try {
                node.awaitAnswering();
            } catch (RuntimeException | Error e) {
                String tail = node.tail();
                node.close();
                throw new AssertionError("the read-side node did not start; its log ends:\n" + tail, e);
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswering() {
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .failFast("the read-side node exited", () -> !process.isAlive())
                .until(() -> http.get(ADMIN, "/api/admin/projections").status() == 200);
    }

    Http http() {
        return http;
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug ends a node; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the read-side node " + process.pid() + " outlived SIGKILL");
        }
    }

    /** The end of the node's log, for a failure's message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a log left in the temporary directory is harmless
        }
    }
}
