package io.proxyline.command;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.proxyline.command.connector.StickyMemory;
import io.proxyline.store.StoreProperties;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableScheduling
class CommandSideConfiguration {

    /**
     * Aggregates stay loaded between commands, up to {@code proxyline.aggregate-cache.max-entries}
     * of them. With several command-service instances a cached aggregate can be stale; its append
     * then collides on the event sequence, Axon evicts it on rollback, and the retry below loads it
     * afresh (from its latest snapshot plus the events after it).
     */
    @Bean
    Cache aggregateCache(@Value("${proxyline.aggregate-cache.max-entries:1000}") long maxEntries) {
        return new BoundedAggregateCache(maxEntries);
    }

    /**
     * Snapshots are taken off the request thread, after the commit that crossed the threshold
     * ({@code proxyline.event-store.snapshot-threshold} events since the last one, or as many as the
     * snapshot holds if that is more: {@link ActiveStateSnapshotTriggerDefinition}), so loading a
     * connector reads its latest snapshot and at most about that many events.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aggregate-snapshots");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    SpringAggregateSnapshotter connectorSnapshotter(Configuration axon, EventStore eventStore,
                                                    TransactionManager transactionManager,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    HandlerDefinition handlerDefinition,
                                                    ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean
    SnapshotTriggerDefinition connectorSnapshotTrigger(SpringAggregateSnapshotter connectorSnapshotter,
                                                       StoreProperties props) {
        return new ActiveStateSnapshotTriggerDefinition(connectorSnapshotter, props.eventStore().snapshotThreshold());
    }

    @Bean
    StickyMemory stickyMemory(@Value("${proxyline.routing.sticky-window:30d}") Duration window) {
        return new StickyMemory(window);
    }

    /**
     * Group commit (see {@link GroupCommitCommandBus}): {@code proxyline.command.writers} single
     * writers, each committing up to {@code proxyline.command.max-batch} commands at once;
     * {@code proxyline.command.group-commit=false} dispatches on the caller's thread, one commit per
     * command, as before.
     */
    @Bean(destroyMethod = "close")
    CommandWriters commandWriters(CommandBus commandBus, ObjectProvider<PlatformTransactionManager> transactions,
                                                Cache aggregateCache,
                                                @Value("${proxyline.command.writers:1}") int writers,
                                                @Value("${proxyline.command.max-batch:64}") int maxBatch,
                                                @Value("${proxyline.command.queue-capacity:1024}") int queueCapacity) {
        return new CommandWriters(new GroupCommitCommandBus(commandBus, transactions.getIfAvailable(),
                aggregateCache::remove, writers, maxBatch, queueCapacity));
    }

    /** The group-commit writers' queues, batches and commits as metrics. */
    @Bean
    MeterBinder commandWriterMetrics(CommandWriters writers) {
        // A lambda, not the bus itself: a bean that is a CommandBus would be a second candidate for Axon.
        return registry -> writers.bus().bindTo(registry);
    }

    /** Retries commands that lost an optimistic-concurrency race (ConcurrencyException is transient). */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, CommandWriters writers,
                                  @Value("${proxyline.command.group-commit:true}") boolean useGroupCommit) {
        ScheduledExecutorService retries = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "command-retry");
            t.setDaemon(true);
            return t;
        });
        return DefaultCommandGateway.builder()
                .commandBus(useGroupCommit ? writers.bus() : commandBus)
                .retryScheduler(new ConflictRetryScheduler(retries, 16, 5))
                .build();
    }

    /** Holds the group-commit bus out of the context's CommandBus candidates (it wraps Axon's). */
    record CommandWriters(GroupCommitCommandBus bus) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            bus.close();
        }
    }
}
