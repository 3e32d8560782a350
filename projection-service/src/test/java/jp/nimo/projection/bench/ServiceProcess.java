package jp.nimo.projection.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service of the benchmark in a JVM of its own, as {@code ./nimo run} starts it: a heap limit of 512 MB
 * (the goal), the benchmark's classpath, a port of its own and a GC log from which its peak heap is read.
 */
final class ServiceProcess implements AutoCloseable {

    static final String HEAP_LIMIT = "512m";

    /** A collection's heap before and after it, e.g. {@code 24M->5M(256M)}. */
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
    /** The heap at the JVM's exit, e.g. {@code garbage-first heap   total 262144K, used 98765K}. */
    private static final Pattern AT_EXIT = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final Process process;
    private final int port;
    private final Path gcLog;
    private final Path output;

    private ServiceProcess(String name, Process process, int port, Path gcLog, Path output) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
        this.output = output;
    }

    /**
     * Starts the application's main class with the given properties (as {@code --name=value} arguments, which
     * come before every properties file) and waits until its health check answers.
     */
    /** The system property naming a directory for the services' flight recordings, when a run is profiled. */
    static final String PROFILE_DIRECTORY = "nimo.bench.profile";

    static ServiceProcess start(String name, Class<?> application, Path directory, List<String> properties) {
        int port = freePort();
        Path gcLog = directory.resolve(name + "-gc.log");
        Path output = directory.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_LIMIT,
                "-Xlog:gc,gc+heap+exit:file=" + gcLog,
                "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"),
                application.getName(),
                "--server.port=" + port,
                "--spring.application.name=nimo-" + name,
                "--logging.level.root=WARN"));
        properties.forEach(property -> command.add("--" + property));
        String profiles = System.getProperty(PROFILE_DIRECTORY);
        if (profiles != null) {
            // -Dnimo.bench.profile=DIR: each service records a flight recording of the run into DIR/<name>.jfr
            command.add(1, "-XX:StartFlightRecording=settings=profile,filename="
                    + Path.of(profiles).toAbsolutePath().resolve(name + ".jfr"));
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            ServiceProcess service = new ServiceProcess(name, process, port, gcLog, output);
            service.awaitHealthy();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    private void awaitHealthy() throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting:\n" + tail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens late in the start
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        close();
        throw new IllegalStateException(name + " was not healthy within " + START_TIMEOUT + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Stops the service as an operator does (SIGTERM, a graceful shutdown), so that its JVM logs its heap at exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The highest heap use of the stopped service, from its GC log: the heap before each collection is the
     * peak since the one before, and the heap at exit the peak since the last.
     */
    double peakHeapMegabytes() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running: its GC log is not complete");
        }
        String log = Files.readString(gcLog);
        double peak = 0;
        Matcher collection = COLLECTION.matcher(log);
        while (collection.find()) {
            peak = Math.max(peak, megabytes(Long.parseLong(collection.group(1)), collection.group(2)));
        }
        Matcher atExit = AT_EXIT.matcher(log);
        boolean exitLogged = false;
        while (atExit.find()) {
            peak = Math.max(peak, megabytes(Long.parseLong(atExit.group(1)), "K"));
            exitLogged = true;
        }
        if (!exitLogged) {
            throw new IllegalStateException(name + "'s GC log has no heap at exit: it did not stop cleanly");
        }
        return peak;
    }

    private static double megabytes(long amount, String unit) {
        return switch (unit) {
            case "K" -> amount / 1024.0;
            case "M" -> amount;
            case "G" -> amount * 1024.0;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
