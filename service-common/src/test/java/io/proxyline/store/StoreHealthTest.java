package io.proxyline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** The store checks go DOWN while their store is unreachable, within their timeout, and UP once it is back. */
class StoreHealthTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void mongoCheckFollowsTheServer() throws Exception {
        int port = freePort();
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            HealthIndicator health = StoreHealth.mongo(client.getDatabase("proxyline"), TIMEOUT);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            server.shutdownNow();
            long start = System.nanoTime();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));

            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", port);
            await().atMost(Duration.ofSeconds(15)).until(() -> health.health().getStatus().equals(Status.UP));
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void jdbcCheckFollowsTheDatabase() throws Exception {
        int port = freePort();
        // A file database: an in-memory one would be gone, and refuse connections, once its server stopped.
        String[] args = {"-tcpPort", Integer.toString(port), "-ifNotExists",
            "-baseDir", Files.createTempDirectory("h2-health").toString()};
        Server h2 = Server.createTcpServer(args).start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:tcp://127.0.0.1:" + port + "/events");
        config.setUsername("sa");
        config.setPassword("");
        config.setConnectionTimeout(2000);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            HealthIndicator health = StoreHealth.jdbc(dataSource, TIMEOUT);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            h2.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));

            h2 = Server.createTcpServer(args).start();
            await().atMost(Duration.ofSeconds(15)).until(() -> health.health().getStatus().equals(Status.UP));
        } finally {
            h2.stop();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
