package io.proxyline.query.admin;

import io.proxyline.query.consistency.EventStoreHead;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the operators' {@code projections} endpoint. The Axon beans are looked up lazily, as in
 * {@code ReadConsistencyConfiguration}: processors exist only once Axon has started.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AdminConfiguration {

    @Bean(destroyMethod = "close")
    ProjectionReplays projectionReplays(
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<EventStore> eventStore,
            ObjectProvider<MongoTemplate> axonMongo) {
        return new ProjectionReplays(
                processing::getObject,
                new EventStoreHead(
                        () -> eventStore.getObject().createHeadToken(), () -> axonMongo.getObject().eventCollection()),
                Clock.systemUTC());
    }

    @Bean
    ProjectionMetrics projectionMetrics(ProjectionReplays replays) {
        return new ProjectionMetrics(replays);
    }

    @Bean
    ProjectionsEndpoint projectionsEndpoint(ProjectionReplays replays, AdminProperties properties) {
        return new ProjectionsEndpoint(replays, new OperatorAccess(properties.accountIds()));
    }
}
