package io.proxyline.systemtest;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * What one test class starts — an in-JVM MongoDB-wire server, service jars as OS processes, nginx —
 * registered as it starts, so that everything is stopped after the class (also when start-up
 * failed half-way, or the JVM is being shut down) and every process's output tail is printed when
 * a test or a lifecycle method fails. Register it as a static {@code @RegisterExtension} field.
 */
final class Deployment implements AfterAllCallback, TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {
    static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(120);
    private static final int TAIL_LINES = 80;

    private final String name;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "stop system-test processes");
    private Path workDir;
    private boolean hookInstalled;

    Deployment(String name) {
        this.name = name;
    }

    synchronized Path workDir() {
        if (workDir == null) {
            workDir = Reactor.workDir(name);
        }
        return workDir;
    }

    /** A MongoDB-wire server (memory backend) on a random loopback port; its connection URI for database proxyline. */
    synchronized String startMongo() {
        MongoServer server = new MongoServer(new MemoryBackend());
        register(server::shutdownNow);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        return "mongodb://127.0.0.1:" + address.getPort() + "/proxyline";
    }

    /**
     * Starts {@code java -jar jar} on {@code 127.0.0.1:port} without waiting for it.
     *
     * @param environment the service's configuration, as compose gives it (see {@link ServiceEnvironment})
     */
    synchronized ManagedProcess startService(String service, Path jar, int port, Map<String, String> environment) {
        Path dir = workDir().resolve(service);
        dir.toFile().mkdirs();
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("PROXYLINE_DATA_DIR", dir.resolve("data").toString());
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quick to start: two service JVMs and the tests share two cores.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m", "-Xss512k",
                "-Ddisable-axoniq-console-message=true",
                "-jar", jar.toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port);
        return register(ManagedProcess.start(service, command, env, dir, workDir().resolve(service + ".log")));
    }

    /** Waits until the service reports UP on its unauthenticated health endpoint. */
    static void awaitHealthy(ManagedProcess service, int port) {
        service.awaitHttp(URI.create("http://127.0.0.1:" + port + "/actuator/health"), "\"UP\"",
                SERVICE_START_TIMEOUT);
    }

    /** Starts nginx with deploy/nginx/edge.conf in front of the two upstreams ({@code host:port}). */
    synchronized Edge startEdge(int port, String commandUpstream, String queryUpstream) {
        return startEdge("nginx", port, commandUpstream, queryUpstream);
    }

    /** The same, with its own prefix directory {@code name} (several edges in one test class). */
    synchronized Edge startEdge(String name, int port, String commandUpstream, String queryUpstream) {
        Edge edge = Edge.prepare(workDir().resolve(name), port, commandUpstream, queryUpstream);
        register(edge.launch());
        return edge.awaitListening();
    }

    /** A process the class started itself: stopped with the rest, its output tail printed on failure. */
    synchronized ManagedProcess register(ManagedProcess process) {
        processes.add(process);
        started.push(process);
        installHook();
        return process;
    }

    /** Anything else the class starts (e.g. a stand-in upstream), stopped with the rest. */
    synchronized <T extends AutoCloseable> T register(T resource) {
        installHook();
        started.push(resource);
        return resource;
    }

    private void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookInstalled = true;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll();
        if (hookInstalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or ran: nothing left to undo.
            }
            hookInstalled = false;
        }
    }

    /** Stops everything started so far (newest first), e.g. before unmounting what they wrote to. */
    synchronized void stopProcesses() {
        stopAll();
    }

    private synchronized void stopAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("[" + name + "] stopping failed: " + e);
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printTails(context.getDisplayName());
        throw failure;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        printTails("start-up of " + context.getDisplayName());
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        printTails(context.getDisplayName());
        throw failure;
    }

    private synchronized void printTails(String what) {
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator()).append("===== ").append(what).append(" failed; process output tails =====");
        for (ManagedProcess process : processes) {
            out.append(System.lineSeparator()).append("----- ").append(process).append(", last ").append(TAIL_LINES)
                    .append(" lines -----").append(System.lineSeparator()).append(process.tail(TAIL_LINES));
        }
        out.append(System.lineSeparator()).append("===== end of process output =====");
        System.err.println(out);
    }
}
