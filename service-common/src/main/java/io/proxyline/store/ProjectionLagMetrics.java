package io.proxyline.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;

/**
 * {@code proxyline.projection.lag}: time from an event's timestamp (its append) to the moment
 * the processor that handled it committed, tagged by processor. Wall-clock on purpose: it
 * measures the system, not the domain clock.
 */
final class ProjectionLagMetrics {
    static final String METER = "proxyline.projection.lag";

    private ProjectionLagMetrics() {}

    static ConfigurerModule module(ObjectProvider<MeterRegistry> registries) {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) -> {
            MeterRegistry registry = registries.getIfAvailable();
            if (registry == null) return (unitOfWork, chain) -> chain.proceed();
            Timer timer = timers.computeIfAbsent(processor, p -> Timer.builder(METER)
                    .description("event append to read-model update")
                    .tag("processor", p)
                    .register(registry));
            return new LagInterceptor(timer);
        });
    }

    private record LagInterceptor(Timer timer) implements MessageHandlerInterceptor<EventMessage<?>> {
        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Instant appended = unitOfWork.getMessage().getTimestamp();
            Object result = chain.proceed();
            unitOfWork.afterCommit(u -> timer.record(Duration.between(appended, Instant.now())));
            return result;
        }
    }
}
