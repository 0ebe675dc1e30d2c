package io.proxyline.query.consistency;

import io.proxyline.query.ProcessingGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The streaming processors that run the query side's processing groups, wherever the
 * configuration assigned them. Subscribing processors need no waiting: they handle events in the
 * publishing unit of work. Resolved lazily, since processors exist only once Axon has started.
 */
final class QueryProcessors implements Supplier<List<StreamingEventProcessor>> {
    private static final Logger log = LoggerFactory.getLogger(QueryProcessors.class);

    private final ObjectProvider<EventProcessingConfiguration> configuration;
    private volatile List<StreamingEventProcessor> resolved;

    QueryProcessors(ObjectProvider<EventProcessingConfiguration> configuration) {
        this.configuration = configuration;
    }

    @Override
    public List<StreamingEventProcessor> get() {
        List<StreamingEventProcessor> known = resolved;
        if (known != null) {
            return known;
        }
        EventProcessingConfiguration processing = configuration.getIfAvailable();
        if (processing == null) {
            return List.of();
        }
        List<StreamingEventProcessor> streaming = new ArrayList<>();
        boolean complete = true;
        for (String group : ProcessingGroups.ALL) {
            Optional<EventProcessor> processor;
            try {
                processor = processing.eventProcessorByProcessingGroup(group);
            } catch (RuntimeException e) {
                log.debug("Event processors are not available yet", e);
                return List.of();
            }
            if (processor.isEmpty()) {
                complete = false;
            } else if (processor.get() instanceof StreamingEventProcessor s && !streaming.contains(s)) {
                streaming.add(s);
            }
        }
        List<StreamingEventProcessor> result = List.copyOf(streaming);
        if (complete) {
            resolved = result;
        }
        return result;
    }
}
