package io.proxyline.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.h2.mvstore.MVStore;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The two storage profiles. Only the storage engine, the token store and the clients behind
 * them differ; aggregates, handlers and serializers are identical in both.
 */
@AutoConfiguration(
        after = AxonSerializationConfiguration.class,
        beforeName = {
            "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
            "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"
        })
@EnableConfigurationProperties(StoreProperties.class)
public class StoreAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StoreAutoConfiguration.class);
    static final String STANDALONE = "'${proxyline.mongo.uri:}'.isBlank()";
    static final String MONGO = "!'${proxyline.mongo.uri:}'.isBlank()";
    /**
     * Not derived from the event store alone: webhook delivery positions (rebuilt, each
     * subscription would be delivered again from its creation).
     */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    static final java.util.Set<String> KEPT_AFTER_A_CRASH = java.util.Set.of("event_subscription_deliveries");

    @Bean
    public MongoDatabase proxylineDatabase(MongoClient client, StoreProperties props) {
        return client.getDatabase(props.mongo().database());
    }

    /** {@code readModels} in the readiness group: see {@link StoreHealth}. */
    @Bean
    public HealthIndicator readModelsHealthIndicator(MongoDatabase proxylineDatabase) {
        return StoreHealth.mongo(proxylineDatabase, HEALTH_TIMEOUT);
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, StoreProperties props) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, props.mongo().database()).build();
    }

    /** Tokens live beside the read models, so after a crash the two roll back together. */
    @Bean
    public TokenStore tokenStore(MongoTemplate template, Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).build();
    }

    /**
     * Tracking processors handle events in batches: one unit of work and one token write per
     * batch rather than per event, which is what bounds projection throughput on these stores.
     */
    @Bean
    public ConfigurerModule trackingProcessorBatches(StoreProperties props) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(props.eventStore().processorBatchSize()));
    }

    /** The causing request's id in the MDC while events are handled ({@link LogContext}). */
    @Bean
    public ConfigurerModule eventLogContext() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((config, processor) -> new LogContext<>());
    }

    /** The same for commands, which group commit runs on its writer threads. */
    @Bean
    public SmartInitializingSingleton commandLogContext(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.ifUnique(bus -> bus.registerHandlerInterceptor(new LogContext<>()));
    }

    /** The event store, its appends measured when metrics are on ({@link TimedEventStorageEngine}). */
    @Bean(destroyMethod = "shutDown")
    public EventStore eventStore(EventStorageEngine engine, StoreProperties props,
                                 ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfAvailable();
        EventStorageEngine measured = registry == null ? engine
                : new TimedEventStorageEngine(engine, engine instanceof MongoEventStorageEngine ? "mongo" : "jdbc", registry);
        return EmbeddedEventStore.builder()
                .storageEngine(measured)
                .fetchDelay(props.eventStore().fetchDelay().toMillis())
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression(MONGO)
    static class MongoProfile {
        @Bean(destroyMethod = "close")
        MongoClient mongoClient(StoreProperties props) {
            log.info("MongoDB profile: events, read models and tokens in {}", redact(props.mongo().uri()));
            return MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(props.mongo().uri()))
                    .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                    .build());
        }

        /** {@code eventStore} in the readiness group: the event store is in the same MongoDB database. */
        @Bean
        HealthIndicator eventStoreHealthIndicator(MongoClient client, StoreProperties props) {
            return StoreHealth.mongo(client.getDatabase(props.mongo().database()), HEALTH_TIMEOUT);
        }

        @Bean
        EventStorageEngine eventStorageEngine(
                MongoTemplate template,
                StoreProperties props,
                @Qualifier("eventSerializer") Serializer eventSerializer,
                Serializer snapshotSerializer) {
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .mongoTemplate(template)
                    .storageStrategy(new GuardedEventStorageStrategy(props.eventStore().mongoLookBack(), Clock.systemUTC()))
                    .eventSerializer(eventSerializer)
                    .snapshotSerializer(snapshotSerializer)
                    .build();
            engine.ensureIndexes();
            return engine;
        }

        private static String redact(String uri) {
            return uri.replaceAll("//[^@/]*@", "//***@");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression(STANDALONE)
    static class StandaloneProfile {

        @Bean(destroyMethod = "close")
        EmbeddedReadModelStore embeddedMongoServer(StoreProperties props, DiskSpaceGuard diskSpaceGuard) {
            MongoBackend backend;
            Path marker = null;
            boolean crashed = false;
            String kind = props.embedded().backend();
            if ("memory".equals(kind)) {
                backend = new MemoryBackend();
            } else {
                Path dir = dataDir(props);
                // The two H2 encodings cannot read each other's files: each has its own file, and
                // the other one is dropped (the read models and tokens are rebuilt from the events).
                boolean java = "h2-java".equals(kind);
                String name = java ? "readmodels" : "readmodels-bson";
                String other = java ? "readmodels-bson" : "readmodels";
                if (Files.exists(dir.resolve(other + ".mv"))) {
                    log.warn("Dropping the read models kept in {} (another encoding): they are rebuilt from the event store",
                            dir.resolve(other + ".mv"));
                    deleteQuietly(dir.resolve(other + ".mv"));
                    deleteQuietly(dir.resolve(other + ".clean-shutdown"));
                }
                Path file = dir.resolve(name + ".mv");
                marker = dir.resolve(name + ".clean-shutdown");
                crashed = Files.exists(file) && !Files.exists(marker);
                deleteQuietly(marker);
                H2Backend h2 = java
                        ? new H2Backend(file.toString())
                        : new BsonH2Backend(new MVStore.Builder().fileName(file.toString()).open());
                diskSpaceGuard.addListener(new MVStoreWritePause("The embedded read-model server", h2.getMvStore()));
                backend = h2;
            }
            MongoServer server = new MongoServer(backend);
            server.bind("127.0.0.1", props.embedded().port());
            log.info("Standalone profile: read models and tokens on embedded MongoDB-wire server {}",
                    server.getLocalAddress());
            return new EmbeddedReadModelStore(server, marker, crashed);
        }

        @Bean(destroyMethod = "close")
        MongoClient mongoClient(EmbeddedReadModelStore store, StoreProperties props) {
            InetSocketAddress address = store.server().getLocalAddress();
            MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
            if (store.crashed()) {
                // The embedded server's H2 backend loses its last second or so of writes on a
                // crash, and not necessarily a token together with the read-model writes it
                // covers, nor a document together with its _id index entry (seen: an upsert then
                // fails with "Document with key … already existed" and the processor stalls).
                // The event store is durable: drop what is derived from it and rebuild.
                log.warn("The previous run did not shut down cleanly: dropping the read models and event processor "
                        + "tokens so they are rebuilt from the event store");
                MongoDatabase db = client.getDatabase(props.mongo().database());
                for (String name : db.listCollectionNames()) {
                    if (!KEPT_AFTER_A_CRASH.contains(name)) db.getCollection(name).drop();
                }
            }
            return client;
        }

        /**
         * WRITE_DELAY=0: H2 otherwise acknowledges commits it flushes up to a second later,
         * and a kill -9 loses them.
         */
        @Bean(destroyMethod = "close")
        HikariDataSource eventStoreDataSource(StoreProperties props) {
            Path file = dataDir(props).resolve("events").toAbsolutePath();
            log.info("Standalone profile: events in H2 file {}.mv.db", file);
            return h2Pool("event-store", file, ";WRITE_DELAY=0");
        }

        /** A pool of connections to an H2 file of the data directory. */
        private static HikariDataSource h2Pool(String name, Path file, String settings) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:h2:file:" + file + settings + ";DB_CLOSE_ON_EXIT=FALSE");
            config.setUsername("sa");
            config.setPassword("");
            config.setMaximumPoolSize(16);
            config.setPoolName(name);
            // H2 closes a database whose file write failed (a full disk): such a connection is
            // dropped, and the next one opens the file again, at its last commit.
            config.setExceptionOverride(new H2ClosedDatabaseEviction());
            return new HikariDataSource(config);
        }

        /**
         * The read models kept as SQL rows ({@link ReadModelDatabase}): a second H2 file,
         * {@code readmodels-sql.mv.db}. H2's default write delay (commits reach the file within
         * 0.5 s): what a crash loses there is whole batches with their tokens, handled again.
         */
        @Bean(destroyMethod = "close")
        ReadModelDatabase readModelDatabase(StoreProperties props, Serializer serializer, DiskSpaceGuard diskSpaceGuard)
                throws SQLException {
            Path file = dataDir(props).resolve("readmodels-sql").toAbsolutePath();
            HikariDataSource dataSource = h2Pool("read-models", file, "");
            try (Connection connection = dataSource.getConnection()) {
                diskSpaceGuard.addListener(new MVStoreWritePause("The SQL read-model database",
                        MVStoreWritePause.of(connection)));
            }
            DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
            manager.setRollbackOnCommitFailure(true);
            JdbcTokenStore tokens = JdbcTokenStore.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .schema(TokenSchema.builder().setTokenTable("read_model_tokens")
                            .setTimestampColumn("claimTimestamp").build())
                    .serializer(serializer)
                    .contentType(byte[].class)
                    // One JVM per data directory (H2 locks the file): a restarted one is the same owner.
                    .nodeId("proxyline-standalone")
                    .build();
            tokens.createSchema(new H2TokenTableFactory());
            log.info("Standalone profile: SQL read models in H2 file {}.mv.db", file);
            return new ReadModelDatabase(dataSource, new SpringTransactionManager(manager), tokens);
        }

        /** {@code readModelsSql} in the readiness group: the SQL read models' pool. */
        @Bean
        HealthIndicator readModelsSqlHealthIndicator(ReadModelDatabase readModels) {
            return StoreHealth.jdbc(readModels.dataSource(), HEALTH_TIMEOUT);
        }

        @Bean(destroyMethod = "close")
        DiskSpaceGuard diskSpaceGuard(StoreProperties props) throws IOException {
            StoreProperties.Disk disk = props.disk();
            return new DiskSpaceGuard(dataDir(props), disk.minFreeSpace().toBytes(), disk.reserve().toBytes(),
                    disk.checkInterval().toMillis());
        }

        /** {@code eventStore} in the readiness group: the H2 event store's pool. */
        @Bean
        HealthIndicator eventStoreHealthIndicator(DataSource dataSource) {
            return StoreHealth.jdbc(dataSource, HEALTH_TIMEOUT);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            DataSourceTransactionManager manager = new DataSourceTransactionManager(dataSource);
            // A commit that fails is rolled back, not left for the pool to auto-commit on return.
            manager.setRollbackOnCommitFailure(true);
            return manager;
        }

        @Bean
        TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
            return new SpringTransactionManager(transactionManager);
        }

        @Bean
        EventStorageEngine eventStorageEngine(
                DataSource dataSource,
                TransactionManager transactionManager,
                @Qualifier("eventSerializer") Serializer eventSerializer,
                Serializer snapshotSerializer) {
            PersistenceExceptionResolver resolver = new DuplicateKeyResolver();
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(transactionManager)
                    .eventSerializer(eventSerializer)
                    .snapshotSerializer(snapshotSerializer)
                    .persistenceExceptionResolver(resolver)
                    .dataType(byte[].class)
                    .readEventDataWithGaps(H2Statements::readEventDataWithGaps)
                    .build();
            engine.createSchema(new H2EventTableFactory());
            return engine;
        }

        @Bean
        H2Compactor h2Compactor(DataSource dataSource, StoreProperties props) {
            return new H2Compactor("event store", dataSource, props.eventStore().compactOnShutdown());
        }

        /**
         * The SQL read models' file grows the same way while processors write it (3.7 GB six minutes into the
         * first build of the read models of 1M stored sessions, docs/benchmarks.md), so it is compacted on
         * shutdown too.
         */
        @Bean
        H2Compactor readModelCompactor(ReadModelDatabase readModels, StoreProperties props) {
            return new H2Compactor("SQL read-model database", readModels.dataSource(),
                    props.eventStore().compactOnShutdown());
        }

        private static Path dataDir(StoreProperties props) {
            try {
                return Files.createDirectories(props.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data dir " + props.dataDir(), e);
            }
        }
    }

    /**
     * The embedded MongoDB-wire server, and whether the previous run ended without closing it
     * (no clean-shutdown marker beside an existing file). Closing it flushes the H2 backend and
     * then writes the marker; the context closes it after the event processors have stopped.
     */
    record EmbeddedReadModelStore(MongoServer server, Path cleanShutdownMarker, boolean crashed) {
        void close() throws IOException {
            server.shutdownNow();
            if (cleanShutdownMarker != null) Files.writeString(cleanShutdownMarker, "clean\n");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset " + file, e);
        }
    }

    /**
     * H2 leaves the file several times larger than its data until compacted (3.4 GB vs 251 MB
     * at 1M events). Destroyed before the data source it depends on, so after the processors.
     */
    static final class H2Compactor implements DisposableBean {
        private final String name;
        private final DataSource dataSource;
        private final boolean enabled;

        H2Compactor(String name, DataSource dataSource, boolean enabled) {
            this.name = name;
            this.dataSource = dataSource;
            this.enabled = enabled;
        }

        @Override
        public void destroy() {
            if (!enabled) return;
            Connection c = null;
            try {
                c = dataSource.getConnection();
                Statement s = c.createStatement();
                long started = System.nanoTime();
                s.execute("SHUTDOWN COMPACT");
                log.info("H2 {} compacted on shutdown in {} ms", name, (System.nanoTime() - started) / 1_000_000);
            } catch (SQLException e) {
                log.warn("H2 compaction of the {} on shutdown failed: {}", name, e.getMessage());
            } finally {
                // SHUTDOWN closed the database under the pooled connection: closing it can only fail.
                if (c != null) {
                    try {
                        c.close();
                    } catch (SQLException closedByShutdown) {
                        log.debug("closing the connection SHUTDOWN closed: {}", closedByShutdown.getMessage());
                    }
                }
            }
        }
    }
}
