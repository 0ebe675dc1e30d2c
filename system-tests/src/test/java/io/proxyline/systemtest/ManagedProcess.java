package io.proxyline.systemtest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One OS process under test: its output (stdout and stderr together) appended to a log file, a
 * bounded wait for it to become ready, and a stop that always ends it and its children.
 */
final class ManagedProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param environment added to this JVM's environment, after removing every inherited
     *     {@code PROXYLINE_*} variable, so only what the test sets configures the service
     */
    static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
                                Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                // Append mode: nginx reopens /dev/stdout itself; every writer must append, or one
                // overwrites the other's lines.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(key -> key.startsWith("PROXYLINE_"));
        builder.environment().putAll(environment);
        try {
            Files.deleteIfExists(log);
            return new ManagedProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit by itself; whether it did within {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until {@code url} answers 200 with a body containing {@code expected}, or fails. */
    ManagedProcess awaitHttp(URI url, String expected, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
        await(name + " answers 200 on " + url)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    requireAlive();
                    try {
                        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        return response.statusCode() == 200 && response.body().contains(expected);
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    /** Waits until something accepts TCP connections on the loopback port, or fails. */
    ManagedProcess awaitPort(int port, Duration timeout) {
        await(name + " listens on port " + port)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    requireAlive();
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; its output:\n"
                    + tail(60));
        }
    }

    /** The last {@code lines} lines of the process's output. */
    String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no output)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (an orderly shutdown), then SIGKILL after a bound; children too. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
