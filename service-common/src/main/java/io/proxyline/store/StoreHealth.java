package io.proxyline.store;

import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of the two stores a Proxyline service cannot answer without: {@code eventStore} (the H2
 * event store standalone, MongoDB in the MongoDB profile) and {@code readModels} (the read models
 * and processor tokens: the embedded MongoDB-wire server standalone, MongoDB otherwise). Both are
 * in the readiness group, so {@code /actuator/health/readiness} answers 503 while either is
 * unreachable and 200 again once it is back; liveness does not look at them (a store outage is no
 * reason to restart the service). Each check is bounded by {@code timeout}.
 */
final class StoreHealth {
    private StoreHealth() {}

    /** A MongoDB {@code ping} within the timeout. */
    static HealthIndicator mongo(MongoDatabase database, Duration timeout) {
        return () -> {
            try {
                database.withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).runCommand(new Document("ping", 1));
                return Health.up().build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    /**
     * A connection from the pool that the driver reports valid within the timeout. An invalid one
     * is evicted from a Hikari pool: the pool hands out a connection used within the last half
     * second without checking it, so a dead one would otherwise keep failing the check after the
     * database is back.
     */
    static HealthIndicator jdbc(DataSource dataSource, Duration timeout) {
        return () -> {
            Connection connection;
            try {
                connection = dataSource.getConnection();
            } catch (Exception e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
            boolean valid;
            try {
                valid = connection.isValid((int) Math.max(1, timeout.toSeconds()));
            } catch (Exception e) {
                valid = false;
            }
            try {
                if (!valid && dataSource instanceof HikariDataSource pool) pool.evictConnection(connection);
                else connection.close();
            } catch (Exception e) {
                valid = false;
            }
            return valid ? Health.up().build() : Health.down().withDetail("error", "connection not valid").build();
        };
    }
}
