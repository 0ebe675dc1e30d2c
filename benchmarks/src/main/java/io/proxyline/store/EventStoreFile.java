package io.proxyline.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The standalone app's event store file in a data directory ({@code <data-dir>/events.mv.db}),
 * opened in the benchmark's JVM the way {@code StoreAutoConfiguration.StandaloneProfile} opens
 * it: same URL, table factory, gap statement, serializer and exception resolver. What is written
 * here the app reads as its own. Lives in {@code io.proxyline.store} to use the app's
 * package-private store classes rather than copies.
 */
public final class EventStoreFile implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final JdbcEventStorageEngine engine;

    private EventStoreFile(HikariDataSource dataSource, JdbcEventStorageEngine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
    }

    /** Opens (creating if needed) the event store of the standalone data directory {@code dataDir}. */
    public static EventStoreFile open(Path dataDir) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dataDir.resolve("events").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        config.setPoolName("bench-history");
        HikariDataSource dataSource = new HikariDataSource(config);
        Serializer serializer = JacksonSerializer.builder()
                .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper())
                .build();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(new DuplicateKeyResolver())
                .dataType(byte[].class)
                .readEventDataWithGaps(H2Statements::readEventDataWithGaps)
                .build();
        engine.createSchema(new H2EventTableFactory());
        return new EventStoreFile(dataSource, engine);
    }

    public JdbcEventStorageEngine engine() {
        return engine;
    }

    /** Compacts the file and closes it, as the app does on an orderly shutdown (it reopens faster). */
    @Override
    public void close() throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        } finally {
            try {
                c.close();
            } catch (SQLException closedByShutdown) {
                // SHUTDOWN closed the database under the pooled connection: closing it can only fail.
            }
            dataSource.close();
        }
    }
}
