package io.proxyline.query.history;

import com.mongodb.client.MongoDatabase;
import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.NumbersRemovedEvent;
import io.proxyline.api.connector.ProxyConfigDeletedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.connector.VoiceConnectorDeletedEvent;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.wire.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * An Axon in-memory event store and the history read model beside it. {@link #record} appends an
 * event to its connector's stream, with a caller's metadata as command-service writes it, and
 * hands the stored message to the projection the way a tracking processor does.
 */
final class HistoryFixture implements AutoCloseable, HistoryStory.Recorder {
    final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    final HistoryStore store;
    final HistoryProjection projection;
    final AnnotationEventHandlerAdapter adapter;
    /** Counts the events the history code pulls out of the store's streams. */
    final AtomicLong eventsRead = new AtomicLong();
    final HistoryEvents events;
    final HistoryQueries queries;
    final SessionAtInstant sessionAt;

    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Set<String> connectors = new LinkedHashSet<>();

    HistoryFixture(MongoDatabase database) {
        this(new MongoHistoryStore(database));
    }

    HistoryFixture(HistoryStore store) {
        this.store = store;
        projection = new HistoryProjection(store);
        adapter = new AnnotationEventHandlerAdapter(projection);
        events = new HistoryEvents((aggregate, first) -> new CountingStream(
                eventStore.readEvents(aggregate, first), eventsRead));
        queries = new HistoryQueries(store, events);
        sessionAt = new SessionAtInstant(store, events);
    }

    /** Recorded on behalf of {@code caller}; null records it as the system does (no caller metadata). */
    @Override
    public DomainEventMessage<?> record(Object event, Caller caller, Instant timestamp) {
        return record(event, caller == null ? Map.of() : metaData(caller), timestamp);
    }

    DomainEventMessage<?> record(Object event, Map<String, ?> metaData, Instant timestamp) {
        String connector = connectorOf(event);
        connectors.add(connector);
        long sequence = nextSequence.merge(connector, 1L, Long::sum) - 1;
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("VoiceConnector", connector, sequence, event,
                metaData, UUID.randomUUID().toString(), timestamp);
        eventStore.publish(message);
        deliver(message);
        return message;
    }

    static Map<String, Object> metaData(Caller caller) {
        return Map.of(Caller.ACCOUNT, caller.accountId(), Caller.ACCESS_KEY, caller.accessKeyId(),
                Caller.REQUEST_ID, caller.requestId());
    }

    /** Hands a message to the projection, if it handles it (interactions, for one, it does not). */
    void deliver(DomainEventMessage<?> message) {
        try {
            if (adapter.canHandle(message)) {
                adapter.handle(message);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every stored event, connector by connector, in stream order. */
    List<DomainEventMessage<?>> stored() {
        List<DomainEventMessage<?>> all = new ArrayList<>();
        for (String connector : connectors) {
            eventStore.readEvents(connector, 0).asStream().forEach(all::add);
        }
        return all;
    }

    /** What a processor does before a replay: calls the {@code @ResetHandler}s. */
    void reset() {
        adapter.prepareReset();
    }

    static String connectorOf(Object event) {
        if (event instanceof VoiceConnectorCreatedEvent e) return e.voiceConnectorId();
        if (event instanceof VoiceConnectorDeletedEvent e) return e.voiceConnectorId();
        if (event instanceof NumbersAddedEvent e) return e.voiceConnectorId();
        if (event instanceof NumbersRemovedEvent e) return e.voiceConnectorId();
        if (event instanceof ProxyConfigPutEvent e) return e.voiceConnectorId();
        if (event instanceof ProxyConfigDeletedEvent e) return e.voiceConnectorId();
        if (event instanceof ProxySessionCreatedEvent e) return e.voiceConnectorId();
        if (event instanceof ProxySessionUpdatedEvent e) return e.voiceConnectorId();
        if (event instanceof ProxySessionInProgressEvent e) return e.voiceConnectorId();
        if (event instanceof ProxySessionClosedEvent e) return e.voiceConnectorId();
        if (event instanceof ProxySessionDeletedEvent e) return e.voiceConnectorId();
        if (event instanceof InteractionRecordedEvent e) return e.voiceConnectorId();
        throw new IllegalArgumentException("not a connector event: " + event);
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }
}
