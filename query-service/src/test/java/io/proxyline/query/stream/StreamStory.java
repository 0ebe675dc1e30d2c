package io.proxyline.query.stream;

import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.wire.Caller;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Appends connector and session events to the event store as command-service appends them. */
public final class StreamStory {
    public static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private final EventStore eventStore;
    private final Map<String, Long> nextSequence;
    private final Instant recordedFrom;

    public StreamStory(EventStore eventStore) {
        this(eventStore, new HashMap<>(), T0);
    }

    private StreamStory(EventStore eventStore, Map<String, Long> nextSequence, Instant recordedFrom) {
        this.eventStore = eventStore;
        this.nextSequence = nextSequence;
        this.recordedFrom = recordedFrom;
    }

    /** The same aggregates, continued in another application context's event store (after a restart). */
    public StreamStory continuedIn(EventStore restarted) {
        return new StreamStory(restarted, nextSequence, recordedFrom);
    }

    /**
     * Events recorded now rather than in 2024: the JDBC store drops a gap once an event after it
     * is older than its gap timeout (60 s), as for any tracking processor.
     */
    public StreamStory recordedNow() {
        return new StreamStory(eventStore, nextSequence, Instant.now());
    }

    /**
     * Each event stamped when it is appended, as an aggregate stamps it: what the MongoDB
     * profile's timestamp-ordered tracking needs (and its stale-append guard accepts).
     */
    public StreamStory stampedAtAppend() {
        return new StreamStory(eventStore, nextSequence, null);
    }

    public DomainEventMessage<?> append(String aggregateType, String aggregateId, Object payload, String account) {
        return append(aggregateType, aggregateId, payload, account, null);
    }

    /** A session update stamped at {@code stampedAt}, whenever it is appended (a late commit). */
    public DomainEventMessage<?> updateStampedAt(String vc, String session, String account, Instant stampedAt) {
        return append("VoiceConnector", vc, new ProxySessionUpdatedEvent(vc, session, Set.of(Capability.SMS), 45,
                T0.plusSeconds(25)), account, stampedAt);
    }

    private DomainEventMessage<?> append(String aggregateType, String aggregateId, Object payload, String account,
                                         Instant stampedAt) {
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        Map<String, Object> metaData = Map.of(Caller.ACCOUNT, account, Caller.ACCESS_KEY, "AKIASTREAMTEST000001",
                Caller.REQUEST_ID, "req-" + UUID.randomUUID());
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                metaData, UUID.randomUUID().toString(),
                stampedAt != null ? stampedAt
                        : recordedFrom == null ? Instant.now() : recordedFrom.plusSeconds(sequence));
        eventStore.publish(message);
        return message;
    }

    public DomainEventMessage<?> connector(String vc, String account) {
        return append("VoiceConnector", vc, new VoiceConnectorCreatedEvent(vc, account, "name-" + vc, "us-east-1",
                true, null, null, T0), account);
    }

    public DomainEventMessage<?> config(String vc, String account) {
        return append("VoiceConnector", vc, new ProxyConfigPutEvent(vc, 60, List.of("US"), null, false, T0), account);
    }

    public DomainEventMessage<?> session(String vc, String session, String account) {
        return append("VoiceConnector", vc, new ProxySessionCreatedEvent(vc, account, session, 1,
                List.of("+12065550100", "+12065550101"), "+12065550199", Set.of(Capability.VOICE, Capability.SMS), 60,
                "ride-" + session, null, null, null, T0.plusSeconds(10)), account);
    }

    public DomainEventMessage<?> update(String vc, String session, String account) {
        return append("VoiceConnector", vc, new ProxySessionUpdatedEvent(vc, session, Set.of(Capability.VOICE), 30,
                T0.plusSeconds(20)), account);
    }

    public DomainEventMessage<?> delete(String vc, String session, String account) {
        return append("VoiceConnector", vc, new ProxySessionDeletedEvent(vc, session, T0.plusSeconds(30)), account);
    }
}
