package io.proxyline.command;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CommandSideConfiguration {

    /**
     * Aggregates stay loaded between commands. With several command-service instances a cached
     * aggregate can be stale; its append then collides on the event sequence, Axon evicts it on
     * rollback, and the retry below loads it afresh.
     */
    @Bean
    Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    /** Retries commands that lost an optimistic-concurrency race (ConcurrencyException is transient). */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "command-retry");
            t.setDaemon(true);
            return t;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetryScheduler(retries, 16, 5))
                .build();
    }
}
