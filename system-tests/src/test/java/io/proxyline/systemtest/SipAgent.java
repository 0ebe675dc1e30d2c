package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One SIP user agent: Debian's SIPp ({@code sip-tester}) running a scenario of
 * deploy/kamailio/sipp/ for exactly one call or text ({@code -m 1}) on a loopback UDP port, then
 * exiting — 0 when the call went as the scenario says, including every check it makes on what it
 * received. Its log ({@code <log>} actions) and every message it sent and received are kept in files,
 * so the test can look at what it saw.
 */
final class SipAgent implements AutoCloseable {
    /** SIPp's own bound on one agent's run: a call that hangs fails, and never hangs the test. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern TRACE_DIRECTION = Pattern.compile("^\\w+ message (sent|received)");

    private final String name;
    private final Process process;
    private final Path dir;

    private SipAgent(String name, Process process, Path dir) {
        this.name = name;
        this.process = process;
        this.dir = dir;
    }

    /**
     * Starts {@code sipp} on 127.0.0.1:{@code localPort} with {@code scenario} (a file name in
     * deploy/kamailio/sipp/), its global variables set with {@code -set}, without waiting.
     *
     * @param service the dialled number ({@code -s}) of a calling agent, or null
     * @param remote {@code host:port} a calling agent sends to, or null for an answering one
     */
    static SipAgent start(Path workDir, String name, String scenario, int localPort, Map<String, String> variables,
                          String service, String remote) {
        Path dir = workDir.resolve(name);
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "-sf", Reactor.root().resolve("deploy/kamailio/sipp").resolve(scenario).toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(localPort),
                "-m", "1", "-nostdin",
                "-timeout", TIMEOUT.toSeconds() + "s", "-timeout_error",
                "-trace_logs", "-log_file", dir.resolve("log.txt").toString(),
                "-trace_msg", "-message_file", dir.resolve("messages.txt").toString(),
                "-trace_err", "-error_file", dir.resolve("errors.txt").toString()));
        variables.forEach((variable, value) -> command.addAll(List.of("-set", variable, value)));
        if (service != null) {
            command.addAll(List.of("-s", service));
        }
        if (remote != null) {
            command.add(remote);
        }
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("screen.txt").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new SipAgent(name, process, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SIPp " + name + ": " + command, e);
        }
    }

    /** Waits until the agent listens on its UDP port (an answering agent is ready for its call). */
    SipAgent awaitListening(int port) {
        await(name + " listens on UDP port " + port)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(process.isAlive()).as("%s exited early: %s", name, report()).isTrue();
                    return udpBound(port);
                });
        return this;
    }

    /** Waits for the agent to finish its call; its exit status (0: the call went as the scenario says). */
    int awaitExit() {
        try {
            if (!process.waitFor(TIMEOUT.plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError(name + " did not end within its own timeout; " + report());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    /** What the scenario's {@code <log>} actions wrote. */
    String log() {
        return read("log.txt");
    }

    /** Every message the agent sent or received, in order. */
    List<SipMessage> messages() {
        List<SipMessage> messages = new ArrayList<>();
        for (String block : read("messages.txt").split("(?m)^-{10,}.*$")) {
            List<String> lines = block.strip().lines().toList();
            if (lines.isEmpty()) {
                continue;
            }
            Matcher direction = TRACE_DIRECTION.matcher(lines.get(0));
            if (!direction.find()) {
                continue;
            }
            String text = String.join("\n", lines.subList(1, lines.size())).strip();
            messages.add(new SipMessage(direction.group(1).equals("sent"), text));
        }
        return messages;
    }

    /** The first message this agent received whose start line begins so ({@code "INVITE "}, {@code "SIP/2.0 403"}). */
    Optional<SipMessage> received(String startLine) {
        return messages().stream().filter(m -> !m.sent() && m.startLine().startsWith(startLine)).findFirst();
    }

    /** Everything about the run, for a failure message. */
    String report() {
        return name + " (scenario output in " + dir + ")\n--- errors ---\n" + read("errors.txt") + "\n--- log ---\n"
                + log() + "\n--- last screen ---\n" + lastScreen() + "\n--- messages ---\n" + read("messages.txt");
    }

    private String lastScreen() {
        String screen = read("screen.txt");
        int start = screen.lastIndexOf("------ Scenario Screen");
        return start < 0 ? screen : screen.substring(start);
    }

    private String read(String file) {
        Path path = dir.resolve(file);
        try {
            return Files.exists(path) ? Files.readString(path, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** A SIP message as SIPp traced it. */
    record SipMessage(boolean sent, String text) {
        String startLine() {
            return text.lines().findFirst().orElse("");
        }

        /** The first value of a header (long name, case-insensitive), or empty. */
        Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return text.lines().takeWhile(line -> !line.isBlank())
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip()).findFirst();
        }

        /** The user part of the Request-URI, or of the URI in a header. */
        static String user(String uriOrHeader) {
            Matcher m = Pattern.compile("(?:sip|tel):([^@;>]+)").matcher(uriOrHeader);
            return m.find() ? m.group(1) : "";
        }
    }

    /** {@code -Dproxyline.sipp=…} or {@code $SIPP}, else Debian's {@code /usr/bin/sipp}, else the PATH; empty if none. */
    static Optional<Path> findBinary() {
        return findExecutable("proxyline.sipp", "SIPP", Path.of("/usr/bin/sipp"), "sipp");
    }

    static Path binary() {
        return findBinary().orElseThrow(() -> new IllegalStateException("SIPp is not installed (apt-get install sip-tester)"));
    }

    /** A UDP port nothing is bound to right now on the loopback interface. */
    static int freeUdpPort(int... taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = socket.getLocalPort();
                if (Arrays.stream(taken).noneMatch(t -> t == port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free UDP port");
    }

    /** Whether a socket is bound to this UDP port (IPv4 or IPv6), from the kernel's socket tables. */
    static boolean udpBound(int port) {
        String hexPort = String.format(":%04X ", port);
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(path)) {
                // "sl local_address rem_address st ...": the local address is the second column.
                if (lines.skip(1).map(String::strip).map(line -> line.split("\\s+"))
                        .anyMatch(cols -> cols.length > 1 && (cols[1] + " ").endsWith(hexPort))) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    /**
     * An executable of the SIP tests: {@code -Dproperty=…} or {@code $environment}, else Debian's
     * path, else the first {@code command} on the PATH; empty if none.
     */
    static Optional<Path> findExecutable(String property, String environment, Path debian, String command) {
        String configured = System.getProperty(property, System.getenv(environment));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        if (Files.isExecutable(debian)) {
            return Optional.of(debian);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The variables of a scenario, in order. */
    static Map<String, String> vars(String... namesAndValues) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            vars.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return vars;
    }
}
