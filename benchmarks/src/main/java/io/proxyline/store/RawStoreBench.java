package io.proxyline.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.proxyline.api.wire.Caller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The durable ceiling under the app's writes, measured in the benchmark's own JVM: Axon's
 * {@link JdbcEventStorageEngine} on an H2 file with {@code WRITE_DELAY=0}, wired as
 * {@code StoreAutoConfiguration.StandaloneProfile} wires it (same table factory, gap statement,
 * serializer, exception resolver, Hikari pool of 16 and Spring transaction manager), appending one
 * small event per transaction; and below it, H2's own single-row autocommit INSERT.
 *
 * <p>Lives in {@code io.proxyline.store} to use the app's package-private store classes rather than copies.
 */
public final class RawStoreBench {
    /** A small event, about the size of the app's smallest ones. */
    public record BenchEvent(String proxySessionId, String voiceConnectorId, long ordinal) {}

    /** One measured repetition: appends (or inserts) that committed, over {@code seconds}; latency in µs. */
    public record Rep(long ops, double seconds, Histogram latency) {
        public double throughput() {
            return ops / seconds;
        }
    }

    /**
     * The repetitions, and the H2 file afterwards: its size over every row written (warm-up
     * included) — what one durable commit costs on disk.
     */
    public record Result(List<Rep> reps, long rows, long fileBytes) {
        public double bytesPerRow() {
            return rows == 0 ? Double.NaN : fileBytes / (double) rows;
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(int thread) throws Exception;
    }

    private RawStoreBench() {}

    /** Appends through Axon's JDBC storage engine, one event per transaction, from {@code threads} threads. */
    public static Result axonAppends(Path dir, int threads, Duration warmup, Duration measure, int reps)
            throws Exception {
        Path file = dir.resolve("events");
        List<Rep> out;
        long rows;
        try (HikariDataSource dataSource = dataSource(file)) {
            TransactionManager tx = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
            Serializer serializer = JacksonSerializer.builder()
                    .objectMapper(new AxonSerializationConfiguration().defaultAxonObjectMapper())
                    .build();
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(tx)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .persistenceExceptionResolver(new DuplicateKeyResolver())
                    .dataType(byte[].class)
                    .readEventDataWithGaps(H2Statements::readEventDataWithGaps)
                    .build();
            engine.createSchema(new H2EventTableFactory());
            MetaData metaData = MetaData.from(Map.of(
                    Caller.ACCOUNT, "111111111111",
                    Caller.ACCESS_KEY, "AKIABENCH0000000001",
                    Caller.REQUEST_ID, UUID.randomUUID().toString()));
            out = measure(threads, warmup, measure, reps, thread -> {
                String aggregate = UUID.randomUUID().toString();
                engine.appendEvents(new GenericDomainEventMessage<>("VoiceConnector", aggregate, 0,
                        new BenchEvent(UUID.randomUUID().toString(), aggregate, 0), metaData));
            });
            rows = count(dataSource.getConnection(), "DomainEventEntry");
        }
        return new Result(out, rows, Files.size(Path.of(file + ".mv.db")));
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (connection; Statement s = connection.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Plain JDBC: one autocommit single-row INSERT at a time per thread, each thread on its own connection. */
    public static Result jdbcInserts(Path dir, int threads, Duration warmup, Duration measure, int reps)
            throws Exception {
        Path file = dir.resolve("rows");
        String url = url(file);
        try (Connection setup = DriverManager.getConnection(url, "sa", ""); Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS rows (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " k VARCHAR(64) NOT NULL, payload VARBINARY(512) NOT NULL)");
            List<Connection> connections = new ArrayList<>();
            List<PreparedStatement> inserts = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    Connection c = DriverManager.getConnection(url, "sa", "");
                    c.setAutoCommit(true);
                    connections.add(c);
                    inserts.add(c.prepareStatement("INSERT INTO rows (k, payload) VALUES (?, ?)"));
                }
                byte[] payload = new byte[200];
                List<Rep> out = measure(threads, warmup, measure, reps, thread -> {
                    PreparedStatement insert = inserts.get(thread);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setBytes(2, payload);
                    insert.executeUpdate();
                });
                long rows = count(DriverManager.getConnection(url, "sa", ""), "rows");
                return new Result(out, rows, Files.size(Path.of(file + ".mv.db")));
            } finally {
                for (Connection c : connections) c.close();
            }
        }
    }

    private static HikariDataSource dataSource(Path file) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(file));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(16);
        config.setPoolName("bench-event-store");
        return new HikariDataSource(config);
    }

    private static String url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    private static List<Rep> measure(int threads, Duration warmup, Duration measure, int reps, Writer writer)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            run(pool, threads, warmup, writer);
            List<Rep> out = new ArrayList<>();
            for (int i = 0; i < reps; i++) out.add(run(pool, threads, measure, writer));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Rep run(ExecutorService pool, int threads, Duration duration, Writer writer) throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<Histogram>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Histogram h = new Histogram(1, TimeUnit.MINUTES.toMicros(1), 3);
                long now;
                while ((now = System.nanoTime()) < end) {
                    writer.write(thread);
                    h.recordValue(Math.max(1, (System.nanoTime() - now) / 1000));
                }
                return h;
            }));
        }
        Histogram all = new Histogram(1, TimeUnit.MINUTES.toMicros(1), 3);
        for (Future<Histogram> f : futures) all.add(f.get());
        return new Rep(all.getTotalCount(), (System.nanoTime() - start) / 1e9, all);
    }

    /** The H2 version on the benchmark's classpath (the project pins one for app and benchmark). */
    public static String h2Version() {
        return org.h2.engine.Constants.FULL_VERSION;
    }
}
