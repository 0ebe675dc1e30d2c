package io.proxyline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The standalone app as a separate OS process on a fresh data directory, and what /proc says about it. */
final class App implements AutoCloseable {
    private final String name;
    private final Process process;
    private final long startedNanos;
    private final URI endpoint;
    private final Path dataDir;
    private final Path log;

    private App(String name, Process process, long startedNanos, URI endpoint, Path dataDir, Path log) {
        this.name = name;
        this.process = process;
        this.startedNanos = startedNanos;
        this.endpoint = endpoint;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmFlags> -jar <jar> <args>} on a free port, with the benchmark's
     * credentials, the rate limit off and the lag timer's percentiles published.
     */
    static App start(String name, Path jar, List<String> jvmFlags, Path workDir, Duration lagWindow) throws IOException {
        return start(name, jar, jvmFlags, workDir, lagWindow, List.of());
    }

    /**
     * As {@link #start(String, Path, List, Path, Duration)}, with {@code extraArgs} after the usual ones; the data
     * directory ({@code <workDir>/data-<name>}) is used as it is, so it may hold a store prepared beforehand.
     */
    static App start(String name, Path jar, List<String> jvmFlags, Path workDir, Duration lagWindow,
                     List<String> extraArgs) throws IOException {
        return start(name, name, jar, jvmFlags, workDir, lagWindow, extraArgs);
    }

    /**
     * As {@link #start(String, Path, List, Path, Duration, List)}, logging to {@code app-<logName>.log}: a second
     * start on the same data directory keeps the first start's log.
     */
    static App start(String name, String logName, Path jar, List<String> jvmFlags, Path workDir, Duration lagWindow,
                     List<String> extraArgs) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dataDir = Files.createDirectories(dataDir(workDir, name));
        Path log = workDir.resolve("app-" + logName + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args(Integer.toString(port), dataDir.toString(), lagWindow));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        return new App(name, process, started, URI.create("http://127.0.0.1:" + port), dataDir, log);
    }

    /** Where {@link #start} puts the data of the app called {@code name}. */
    static Path dataDir(Path workDir, String name) {
        return workDir.resolve("data-" + name);
    }

    static List<String> args(String port, String dataDir, Duration lagWindow) {
        String lag = "proxyline.projection.lag";
        return List.of(
                "--server.port=" + port,
                "--proxyline.data-dir=" + dataDir,
                "--proxyline.credentials[0].access-key-id=" + Api.ACCESS_KEY_ID,
                "--proxyline.credentials[0].secret-access-key=" + Api.SECRET_ACCESS_KEY,
                "--proxyline.credentials[0].account-id=" + Api.ACCOUNT_ID,
                "--proxyline.hook-credentials[0].key-id=" + Api.HOOK_KEY_ID,
                "--proxyline.hook-credentials[0].secret=" + Api.HOOK_SECRET,
                "--proxyline.hook-credentials[0].account-id=" + Api.ACCOUNT_ID,
                "--proxyline.rate-limit.enabled=false",
                // Webhooks on, to a receiver in the benchmark itself (docs/webhooks.md).
                "--proxyline.webhooks.signing-key=bench-webhook-signing-key-0000000000000001",
                "--proxyline.webhooks.allow-private-addresses=true",
                "--management.endpoints.web.exposure.include=health,metrics,prometheus,projections",
                // The benchmark's account is an operator, so it can replay projections (docs/replay.md).
                "--proxyline.admin.account-ids=" + Api.ACCOUNT_ID,
                "--management.metrics.distribution.percentiles." + lag + "=0.5,0.99",
                // The percentile window: the last lagWindow, rotated every second, so a read at the
                // end of a lag repetition covers that repetition.
                "--management.metrics.distribution.expiry." + lag + "=" + lagWindow.toSeconds() + "s",
                "--management.metrics.distribution.buffer-length." + lag + "=" + lagWindow.toSeconds());
    }

    /** Waits for health UP; returns the time from process start. */
    Duration awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("app " + name + " exited with " + process.exitValue()
                        + " before it was healthy; log tail:\n" + logTail(40));
            }
            if (Api.healthy(endpoint)) return Duration.ofNanos(System.nanoTime() - startedNanos);
            Thread.sleep(20);
        }
        throw new IllegalStateException("app " + name + " not healthy after " + timeout + "; log tail:\n" + logTail(40));
    }

    /** Time since the process was started. */
    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** VmRSS from /proc/&lt;pid&gt;/status, in bytes. */
    long rss() {
        return Procfs.rss(pid());
    }

    /** Bytes under the data directory (event store and read-model files). */
    Map<String, Long> dataFiles() {
        Map<String, Long> sizes = new HashMap<>();
        try (Stream<Path> files = Files.list(dataDir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    sizes.put(f.getFileName().toString(), Files.size(f));
                } catch (IOException e) {
                    // the app may be rewriting it
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sizes;
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; deletes the data directory. */
    void stop(Duration grace) throws InterruptedException {
        shutDown(grace);
        deleteData();
    }

    /** SIGTERM, then SIGKILL after {@code grace}; keeps the data directory. True if it ended within the grace. */
    boolean shutDown(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            return false;
        }
        return true;
    }

    /**
     * Heap in use right after a full collection, in bytes: {@code jcmd <pid> GC.run}, then the used figure of
     * {@code GC.heap_info}'s heap line (G1, the default here); -1 if jcmd fails or prints no such line.
     */
    long heapAfterGc() throws InterruptedException {
        try {
            jcmd("GC.run");
            Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private void deleteData() {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: bench/out is git-ignored
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteData();
    }
}
