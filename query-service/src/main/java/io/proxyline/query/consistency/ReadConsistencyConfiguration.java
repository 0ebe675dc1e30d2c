package io.proxyline.query.consistency;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires {@link ReadConsistency}. The Axon beans are looked up lazily: the configurer module below
 * is consumed while Axon's configuration is being built, so depending on its products here would
 * be a cycle.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsistencyProperties.class)
class ReadConsistencyConfiguration {

    @Bean
    ProjectionProgress projectionProgress() {
        return new ProjectionProgress();
    }

    /**
     * Every processor wakes waiting readers after each batch. Registered as a default interceptor
     * (added to the processors' own, nothing replaced) so it applies however the query side's
     * processing groups are assigned to processors; other processors only cause a spurious
     * re-check.
     */
    @Bean
    ConfigurerModule projectionProgressSignals(ProjectionProgress progress) {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((config, processorName) -> progress.batchInterceptor()));
    }

    @Bean
    ReadConsistency readConsistency(
            ObjectProvider<EventStore> eventStore,
            ObjectProvider<MongoTemplate> axonMongo,
            ObjectProvider<EventProcessingConfiguration> processing,
            ProjectionProgress progress,
            ConsistencyProperties properties) {
        return new ReadConsistency(
                new EventStoreHead(
                        () -> eventStore.getObject().createHeadToken(), () -> axonMongo.getObject().eventCollection()),
                new QueryProcessors(processing),
                progress,
                properties.consistencyTimeout(),
                properties.consistencyGapGrace());
    }

    /** Write shedding while the projections are more than {@code proxyline.query.max-projection-backlog} events behind. */
    @Bean
    ProjectionBacklog projectionBacklog(
            ObjectProvider<EventStore> eventStore,
            ObjectProvider<MongoTemplate> axonMongo,
            ObjectProvider<EventProcessingConfiguration> processing,
            ConsistencyProperties properties) {
        return new ProjectionBacklog(
                new EventStoreHead(
                        () -> eventStore.getObject().createHeadToken(), () -> axonMongo.getObject().eventCollection()),
                new QueryProcessors(processing),
                properties.maxProjectionBacklog(),
                20);
    }
}
