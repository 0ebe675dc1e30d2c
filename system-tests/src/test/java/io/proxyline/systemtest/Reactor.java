package io.proxyline.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the artifacts under test are: the reactor root and the jars the reactor packaged before this
 * module ran. Surefire passes the exact paths (see the pom); run from an IDE, the module directory is
 * the working directory and the defaults below apply.
 */
final class Reactor {
    private Reactor() {}

    static Path root() {
        return Path.of(System.getProperty("proxyline.reactor.root", "..")).toAbsolutePath().normalize();
    }

    static Path commandServiceJar() {
        return builtJar("proxyline.command-service.jar",
                Path.of("..", "command-service", "target", "command-service-0.1.0-SNAPSHOT-exec.jar"));
    }

    static Path queryServiceJar() {
        return builtJar("proxyline.query-service.jar",
                Path.of("..", "query-service", "target", "query-service-0.1.0-SNAPSHOT-exec.jar"));
    }

    /** The edge configuration that docker-compose.yml mounts as /etc/nginx/nginx.conf. */
    static Path edgeConf() {
        return existing(root().resolve("deploy/nginx/edge.conf"));
    }

    static Path composeFile() {
        return existing(root().resolve("docker-compose.yml"));
    }

    /** A fresh directory for one test class's processes, logs and data, under this module's target/. */
    static Path workDir(String name) {
        Path dir = Path.of("target", "system-tests", name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on right now, on the loopback interface. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path builtJar(String property, Path fallback) {
        Path jar = Path.of(System.getProperty(property, fallback.toString())).toAbsolutePath().normalize();
        assertThat(jar).as("%s is not built: run `./mvnw verify` (or `./mvnw package`) from the reactor root", jar)
                .isRegularFile();
        return jar;
    }

    private static Path existing(Path file) {
        assertThat(file).as("missing %s", file).isRegularFile();
        return file;
    }
}
