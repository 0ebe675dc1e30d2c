package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's nginx running deploy/nginx/edge.conf exactly as docker-compose.yml does: the file is
 * placed, unchanged, as the main configuration ({@code conf/nginx.conf} of a private prefix here,
 * {@code /etc/nginx/nginx.conf} in compose), and only its {@code edge-env/} directory is this
 * environment's own: loopback upstreams on random ports, a random listen port, temp paths in the
 * prefix. Run-mode directives come with {@code -g}, as the nginx image's own command does.
 */
final class Edge {
    /** The access-log line of edge.conf's {@code log_format proxyline}. */
    private static final Pattern ACCESS_LINE = Pattern.compile(
            "^\\S+ \\[[^]]+] \"(\\S+) (\\S+)\" (\\d{3}) bytes=\\d+ upstream=(\\S+) upstream_status=(\\S+) "
            + "rt=\\S+ urt=(\\S+)$");

    private final Path prefix;
    private final int port;
    private ManagedProcess process;

    private Edge(Path prefix, int port) {
        this.prefix = prefix;
        this.port = port;
    }

    /**
     * Lays out a private nginx prefix: edge.conf as {@code conf/nginx.conf}, and an {@code edge-env/}
     * for {@code 127.0.0.1:port} in front of the two upstream addresses ({@code host:port}).
     */
    static Edge prepare(Path prefix, int port, String commandUpstream, String queryUpstream) {
        Path conf = prefix.resolve("conf");
        Path env = conf.resolve("edge-env");
        try {
            Files.createDirectories(env);
            Files.createDirectories(prefix.resolve("temp"));
            Files.copy(Reactor.edgeConf(), conf.resolve("nginx.conf"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(env.resolve("upstreams.conf"), String.join("\n",
                    "# system tests: the services as local processes; temp files inside the test's prefix.",
                    "client_body_temp_path temp/client_body;",
                    "proxy_temp_path temp/proxy;",
                    "fastcgi_temp_path temp/fastcgi;",
                    "uwsgi_temp_path temp/uwsgi;",
                    "scgi_temp_path temp/scgi;",
                    "upstream proxyline_command { server " + commandUpstream + "; keepalive 16; }",
                    "upstream proxyline_query { server " + queryUpstream + "; keepalive 16; }",
                    ""), StandardCharsets.UTF_8);
            Files.writeString(env.resolve("listen.conf"), "listen 127.0.0.1:" + port + ";\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(conf.resolve("nginx.conf")).hasSameBinaryContentAs(Reactor.edgeConf());
        return new Edge(prefix, port);
    }

    /** Starts nginx on the prepared prefix, without waiting; the caller owns the process. */
    ManagedProcess launch() {
        process = ManagedProcess.start("nginx[" + prefix.getFileName() + "]", command(prefix, false),
                java.util.Map.of(), prefix, prefix.resolve("nginx.log"));
        return process;
    }

    /** Waits until nginx accepts connections on its port. */
    Edge awaitListening() {
        process.awaitPort(port, Duration.ofSeconds(20));
        return this;
    }

    /** {@code nginx -t} on a prepared prefix: the exit status and what nginx printed. */
    static CheckResult check(Path prefix) {
        try {
            Process p = new ProcessBuilder(command(prefix, true)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new CheckResult(p.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record CheckResult(int exitStatus, String output) {}

    private static List<String> command(Path prefix, boolean testOnly) {
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "-p", prefix.toAbsolutePath() + "/",
                "-e", "stderr",
                "-c", prefix.resolve("conf/nginx.conf").toAbsolutePath().toString(),
                // One process, in the foreground, so the test owns it and its output.
                "-g", "daemon off; master_process off; pid \"" + prefix.resolve("nginx.pid").toAbsolutePath() + "\";"));
        if (testOnly) {
            command.add("-t");
        }
        return command;
    }

    /** {@code -Dproxyline.nginx=…} or {@code $NGINX}, else Debian's {@code /usr/sbin/nginx}, else the PATH. */
    static Path binary() {
        String configured = System.getProperty("proxyline.nginx", System.getenv("NGINX"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/sbin/nginx");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "nginx"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "nginx is not installed: the edge tests run Debian's nginx "
                                + "(apt-get install nginx), or set -Dproxyline.nginx=/path/to/nginx"));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    ManagedProcess process() {
        return process;
    }

    /** The access-log lines so far (edge.conf logs to the process's own output). */
    List<AccessLine> accessLog() {
        List<AccessLine> lines = new ArrayList<>();
        for (String line : process.output().split("\\R")) {
            Matcher m = ACCESS_LINE.matcher(line);
            if (m.matches()) {
                lines.add(new AccessLine(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4), m.group(5),
                        m.group(6)));
            }
        }
        return lines;
    }

    /**
     * One request as the edge logged it: method, raw request URI, status, the upstream that answered,
     * its status and its response time ({@code -} where no upstream was involved).
     */
    record AccessLine(String method, String uri, int status, String upstream, String upstreamStatus,
                      String upstreamResponseTime) {
        boolean reachedAnUpstream() {
            return !upstream.equals("-");
        }

        /** How long the upstream took, from connecting to the end of its response. */
        Duration upstreamTime() {
            return Duration.ofMillis(Math.round(Double.parseDouble(upstreamResponseTime) * 1000));
        }
    }
}
