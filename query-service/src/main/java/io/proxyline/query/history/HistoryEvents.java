package io.proxyline.query.history;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads chosen events of a connector's stream from the event store: the store's own messages,
 * with their real sequence numbers, timestamps and metadata. A session's events are spread over
 * its connector's stream among every other session's, so the reader does not stream through
 * that: it reads on from one wanted event to the next only across a short gap, and opens the
 * stream anew at the next wanted sequence number otherwise (the storage engines read an
 * aggregate's stream from a sequence number by index). The work per request is bounded by the
 * number of events asked for, not by the length of the connector's stream.
 */
@Component
class HistoryEvents {
    private static final Logger log = LoggerFactory.getLogger(HistoryEvents.class);

    /** Events read past between two wanted ones before a fresh read is cheaper; well under one storage batch. */
    static final int MAX_SKIP = 32;

    /** An aggregate's stream from a sequence number on, as {@link EventStore#readEvents(String, long)} reads it. */
    @FunctionalInterface
    interface Source {
        DomainEventStream from(String aggregateIdentifier, long firstSequenceNumber);
    }

    private final Source source;

    /** The event store is resolved at the first read, as it is one of Axon's products. */
    @Autowired
    HistoryEvents(ObjectProvider<EventStore> eventStore) {
        this((aggregate, first) -> eventStore.getObject().readEvents(aggregate, first));
    }

    HistoryEvents(Source source) {
        this.source = source;
    }

    /**
     * The events of the connector's stream at the given sequence numbers, in ascending order; a
     * sequence number the store does not have is left out (and logged: the index and the store
     * disagree).
     *
     * @param sequenceNumbers ascending
     */
    List<DomainEventMessage<?>> read(String voiceConnectorId, List<Long> sequenceNumbers) {
        List<DomainEventMessage<?>> found = new ArrayList<>(sequenceNumbers.size());
        DomainEventStream stream = null;
        long next = 0;
        for (long wanted : sequenceNumbers) {
            if (stream == null || wanted < next || wanted - next > MAX_SKIP) {
                stream = source.from(voiceConnectorId, wanted);
                next = wanted;
            }
            DomainEventMessage<?> match = null;
            while (match == null && stream.hasNext() && stream.peek().getSequenceNumber() <= wanted) {
                DomainEventMessage<?> event = stream.next();
                next = event.getSequenceNumber() + 1;
                if (event.getSequenceNumber() == wanted) {
                    match = event;
                }
            }
            if (match != null) {
                found.add(match);
            } else {
                log.warn("Event {} of voice connector {} is indexed for its history but not in the event store",
                        wanted, voiceConnectorId);
                stream = null;
            }
        }
        return found;
    }
}
