package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's Kamailio running deploy/kamailio/kamailio.cfg exactly as an operator would: the file is
 * placed unchanged as the main configuration of a private directory (/etc/kamailio in production),
 * and only the two files it reads beside it are this environment's own: {@code proxyline-env.cfg}
 * (the gateway routes: each number to a SIPp agent on a loopback port; a fresh topology-hiding key)
 * and {@code proxyline-hook.ini} (Proxyline's hook URL for the connector, and the hook credential).
 * It listens on one loopback UDP port, given on the command line.
 */
final class Kamailio {
    /** One routing decision, as the configuration logs the hook's answer. */
    private static final Pattern DECISION = Pattern.compile(
            "proxyline: (\\w+) (\\S+) -> (\\S+): (\\w*) interaction=(\\S*) session=(\\S*) forward=(\\S*)->(\\S*) reason=(\\S*)");

    private final Path dir;
    private final int port;
    private ManagedProcess process;

    private Kamailio(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /**
     * @param hookUrl Proxyline's hook URL for one connector, {@code http://host:port/voice-connectors/{id}}
     * @param routes where each forwarded number is reached: number → {@code sip:host:port}
     * @param gateway where any other number goes
     */
    static Kamailio prepare(Path dir, int port, String hookUrl, String hookKeyId, String hookSecret,
                            Map<String, String> routes, String gateway) {
        Path etc = dir.resolve("etc");
        try {
            Files.createDirectories(etc);
            Files.createDirectories(dir.resolve("run"));
            Files.copy(config(), etc.resolve("kamailio.cfg"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(etc.resolve("proxyline-env.cfg"), String.join("\n",
                    "# system tests: numbers reached through SIPp agents on loopback ports.",
                    "#!define PSTN_GATEWAY \"" + gateway + "\"",
                    "#!define PSTN_ROUTES \"" + routes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("|")) + "\"",
                    "#!define TOPOH_MASK_KEY \"" + UUID.randomUUID() + "\"",
                    "#!define HOOK_CONFIG \"" + etc.resolve("proxyline-hook.ini").toAbsolutePath() + "\"",
                    ""), StandardCharsets.UTF_8);
            Files.writeString(etc.resolve("proxyline-hook.ini"), String.join("\n",
                    "[proxyline]",
                    "url = " + hookUrl,
                    "username = " + hookKeyId,
                    "password = \"" + hookSecret + "\"",
                    "timeout = 5",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(etc.resolve("kamailio.cfg")).hasSameBinaryContentAs(config());
        return new Kamailio(dir, port);
    }

    /** {@code kamailio -c}: the configuration and every module it loads are in order. */
    Kamailio check() {
        try {
            Process p = new ProcessBuilder(command(true)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("kamailio -c on deploy/kamailio/kamailio.cfg (are kamailio-utils-modules "
                    + "and kamailio-json-modules installed?):\n%s", output).isZero();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts it in the foreground, without waiting; the caller registers the process. */
    ManagedProcess launch() {
        process = ManagedProcess.start("kamailio", command(false), Map.of(), dir, dir.resolve("kamailio.log"));
        return process;
    }

    /** Waits until it has bound its SIP port. */
    Kamailio awaitListening() {
        await("kamailio listens on UDP port " + port)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(process.isAlive()).as("kamailio exited:\n%s", process.tail(40)).isTrue();
                    return SipAgent.udpBound(port);
                });
        return this;
    }

    /** Where user agents send: {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + port;
    }

    ManagedProcess process() {
        return process;
    }

    /** The routing decisions so far, oldest first. */
    List<Decision> decisions() {
        List<Decision> decisions = new ArrayList<>();
        for (String line : process.output().split("\\R")) {
            Matcher m = DECISION.matcher(line);
            if (m.find()) {
                decisions.add(new Decision(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6),
                        m.group(7), m.group(8), m.group(9)));
            }
        }
        return decisions;
    }

    Optional<Decision> decision(String interactionId) {
        return decisions().stream().filter(d -> d.interactionId().equals(interactionId)).findFirst();
    }

    /** What the hook answered for one call or text, as Kamailio understood it ("" for an absent member). */
    record Decision(String type, String from, String to, String action, String interactionId, String proxySessionId,
                    String forwardFrom, String forwardTo, String reason) {}

    private List<String> command(boolean checkOnly) {
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "-f", dir.resolve("etc/kamailio.cfg").toAbsolutePath().toString(),
                "-l", "udp:127.0.0.1:" + port,
                "-Y", dir.resolve("run").toAbsolutePath().toString(),
                // Foreground, logging to stderr (the test owns the process and its output); small memory.
                "-DD", "-E", "-m", "64", "-M", "8"));
        if (checkOnly) {
            command.add("-c");
        }
        return command;
    }

    static Path config() {
        Path cfg = Reactor.root().resolve("deploy/kamailio/kamailio.cfg");
        assertThat(cfg).as("missing %s", cfg).isRegularFile();
        return cfg;
    }

    /** {@code -Dproxyline.kamailio=…} or {@code $KAMAILIO}, else Debian's {@code /usr/sbin/kamailio}, else the PATH. */
    static Optional<Path> findBinary() {
        return SipAgent.findExecutable("proxyline.kamailio", "KAMAILIO", Path.of("/usr/sbin/kamailio"), "kamailio");
    }

    static Path binary() {
        return findBinary().orElseThrow(() -> new IllegalStateException(
                "Kamailio is not installed (apt-get install kamailio kamailio-utils-modules kamailio-json-modules)"));
    }
}
