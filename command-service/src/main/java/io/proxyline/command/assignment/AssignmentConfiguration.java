package io.proxyline.command.assignment;

import io.proxyline.command.fault.CrashPoints;
import io.proxyline.command.web.Commands;
import io.proxyline.store.H2TokenTableFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The number-assignment process: a tracking processor over the event store, one segment, events
 * one at a time, starting at the store's first event (no recorded request is ever skipped), an
 * error handler that propagates (a failed step is retried, never skipped), and a token as durable
 * as the events: in the event store's own H2 database in the standalone profile (the embedded
 * MongoDB-wire server that holds the other tokens loses its last writes on a crash and is rebuilt
 * after one), in MongoDB beside the other tokens otherwise.
 */
@Configuration(proxyBeanMethods = false)
class AssignmentConfiguration {
    /** Standalone is one JVM per data directory (H2 locks its file): the restarted JVM is the same owner. */
    static final String STANDALONE_OWNER = "proxyline-standalone";

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService numberAssignmentSteps() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "number-assignment-steps");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    NumberAssignmentProcess numberAssignmentProcess(Commands commands, NumberAssignments assignments,
                                                    CrashPoints crashPoints, ExecutorService numberAssignmentSteps) {
        return new NumberAssignmentProcess(commands, assignments, crashPoints, numberAssignmentSteps);
    }

    @Bean
    ConfigurerModule numberAssignmentProcessing(ObjectProvider<DataSource> eventStoreDataSource, Serializer serializer) {
        DataSource dataSource = eventStoreDataSource.getIfAvailable();
        return configurer -> {
            configurer.eventProcessing()
                    .registerTrackingEventProcessor(NumberAssignmentProcess.GROUP,
                            c -> c.eventStore(),
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(1)
                                    .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .registerListenerInvocationErrorHandler(NumberAssignmentProcess.GROUP,
                            c -> PropagatingErrorHandler.instance());
            if (dataSource != null) {
                configurer.eventProcessing().registerTokenStore(NumberAssignmentProcess.GROUP,
                        c -> jdbcTokenStore(dataSource, serializer));
            }
        };
    }

    private static TokenStore jdbcTokenStore(DataSource dataSource, Serializer serializer) {
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        TokenSchema schema = TokenSchema.builder()
                .setTokenTable("process_tokens")
                .setTimestampColumn("claimTimestamp")
                .build();
        JdbcTokenStore store = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .schema(schema)
                .serializer(serializer)
                .contentType(byte[].class)
                .nodeId(STANDALONE_OWNER)
                .build();
        store.createSchema(new H2TokenTableFactory());
        return store;
    }
}
