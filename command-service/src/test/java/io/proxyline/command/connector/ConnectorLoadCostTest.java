package io.proxyline.command.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.CreateProxySessionCommand;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionView;
import io.proxyline.command.ActiveStateSnapshotTriggerDefinition;
import io.proxyline.command.MutableClock;
import io.proxyline.store.AxonSerializationConfiguration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Loading a connector costs its snapshot plus the events after it, however many sessions it
 * has had: the snapshot holds only the active state (issue: cost that does not grow with history).
 * The snapshots go through the app's Jackson serializer, as the stores do.
 */
class ConnectorLoadCostTest {
    static final String VC = "vc-load";
    static final String ACCOUNT = "111111111111";
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final int PAST_SESSIONS = 100_000;
    static final int THRESHOLD = 500;

    final CountingEngine engine = new CountingEngine(new InMemoryEventStorageEngine(), serializer());
    Configuration axon;

    @AfterEach
    void shutDown() {
        if (axon != null) axon.shutdown();
    }

    @Test
    void loadingAConnectorWith100kPastSessionsReadsOnlyTheSnapshotAndTheEventsAfterIt() {
        start(new MutableClock(T0.plusSeconds(10L * PAST_SESSIONS)), THRESHOLD);
        List<EventMessage<?>> history = history();
        engine.appendEvents(history);
        CommandGateway commands = axon.commandGateway();

        // The first load replays the whole history once and crosses the threshold: a snapshot is taken.
        engine.reset();
        ProxySessionView first = commands.sendAndWait(create("now-1", "+12065550001", "+12065550002"));
        // (the load, and the snapshotter's own read of the stream to build the snapshot)
        assertTrue(engine.eventsRead.get() >= history.size(), "the first load reads the history");
        assertTrue(engine.snapshotsStored.get() >= 1, "a snapshot was stored");
        // PreferSticky after 100k sessions: the pair's last number came through the snapshot's memory.
        assertEquals("+12065550901", first.proxyPhoneNumber());

        engine.reset();
        ProxySessionView second = commands.sendAndWait(create("now-2", "+12065550003", "+12065550004"));
        assertTrue(engine.eventsRead.get() <= 2, "read the snapshot and the one event after it, not "
                + engine.eventsRead.get() + " events");
        assertEquals(1, engine.snapshotsRead.get());
        // The active session from before the snapshot still holds its number for its participants.
        assertEquals("+12065550900", second.proxyPhoneNumber());
        assertTrue(engine.largestSnapshotBytes < 4_096, "the snapshot holds the active state only, not "
                + engine.largestSnapshotBytes + " bytes");
    }

    /**
     * A snapshot costs what it holds, so with many active sessions they are spaced by that many
     * events, not by the fixed minimum: the snapshot work per event stays constant. Without a cache
     * every command loads the connector, from its snapshot: the spacing must come through it.
     */
    @Test
    void aConnectorWithManyActiveSessionsIsSnapshottedAsOftenAsItHoldsNotEveryMinimum() {
        int active = 2_000;
        int minimum = 100;
        int creates = 1_000;
        start(new MutableClock(T0.plusSeconds(60)), minimum);
        List<Object> payloads = new ArrayList<>();
        payloads.add(new VoiceConnectorCreatedEvent(VC, ACCOUNT, "vc", "us-east-1", false, null, null, T0));
        payloads.add(new NumbersAddedEvent(VC, List.of("+12065550900"), T0));
        payloads.add(new ProxyConfigPutEvent(VC, 100_000, List.of("US"), null, false, T0));
        for (int i = 0; i < active; i++) {
            payloads.add(new ProxySessionCreatedEvent(VC, ACCOUNT, "active-" + i, i, List.of(
                    String.format("+1415555%04d", i), String.format("+1312555%04d", i)), "+12065550900",
                    Set.of(Capability.VOICE), 100_000, null, NumberSelectionBehavior.PREFER_STICKY, null, null, T0));
        }
        List<EventMessage<?>> events = new ArrayList<>();
        for (int seq = 0; seq < payloads.size(); seq++) {
            events.add(new GenericDomainEventMessage<>("VoiceConnector", VC, seq, payloads.get(seq)));
        }
        engine.appendEvents(events);
        CommandGateway commands = axon.commandGateway();

        commands.sendAndWait(create("first", "+12065559998", "+16465559998"));
        assertEquals(1, engine.snapshotsStored.get(), "the first load replayed the history and took one snapshot");
        engine.reset();
        long mostRead = 0;
        for (int i = 0; i < creates; i++) {
            engine.eventsRead.set(0);
            commands.sendAndWait(create("s-" + i, String.format("+1206555%04d", i), String.format("+1646555%04d", i)));
            mostRead = Math.max(mostRead, engine.eventsRead.get());
        }
        // A fixed spacing of 100 events would have taken 10 snapshots of ~2,000 sessions each.
        assertEquals(0, engine.snapshotsStored.get(), "snapshots taken during " + creates + " creates");
        assertEquals(creates, engine.snapshotsRead.get(), "every load started from the snapshot");
        // Still O(active): the snapshot plus the events after it, fewer than the snapshot holds.
        assertTrue(mostRead <= creates + 1, "a load read " + mostRead + " events");
    }

    /** Axon with the connector aggregate on the counting engine, snapshotted by the app's trigger, no cache. */
    private void start(MutableClock clock, int snapshotMinimum) {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> engine)
                .configureSerializer(c -> serializer())
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(StickyMemory.class, c -> new StickyMemory(StickyMemory.DEFAULT_WINDOW))
                .registerComponent(EndedSessions.class, c -> (vc, s) -> false)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(VoiceConnector.class)
                        .configureSnapshotTrigger(c -> new ActiveStateSnapshotTriggerDefinition(c.snapshotter(),
                                snapshotMinimum)))
                .buildConfiguration();
        axon.start();
    }

    private static CreateProxySessionCommand create(String id, String a, String b) {
        return new CreateProxySessionCommand(VC, ACCOUNT, id, List.of(a, b), Set.of(Capability.VOICE), null, null,
                null, null, null);
    }

    /** 100k sessions created and closed one after another, alternating two numbers, then one still active. */
    private static List<EventMessage<?>> history() {
        List<Object> payloads = new ArrayList<>();
        payloads.add(new VoiceConnectorCreatedEvent(VC, ACCOUNT, "vc", "us-east-1", false, null, null, T0));
        payloads.add(new NumbersAddedEvent(VC, List.of("+12065550900", "+12065550901"), T0));
        payloads.add(new ProxyConfigPutEvent(VC, 100_000, List.of("US"), null, false, T0));
        for (int i = 0; i < PAST_SESSIONS; i++) {
            Instant at = T0.plusSeconds(10L * i);
            String number = i % 2 == 0 ? "+12065550900" : "+12065550901";
            payloads.add(new ProxySessionCreatedEvent(VC, ACCOUNT, "past-" + i, i, List.of("+12065550001",
                    "+12065550002"), number, Set.of(Capability.VOICE), 60, null, NumberSelectionBehavior.PREFER_STICKY,
                    null, null, at));
            payloads.add(new ProxySessionClosedEvent(VC, "past-" + i, CloseReason.EXPIRED, at.plusSeconds(5)));
        }
        // Still active: its participants hold +12065550900.
        payloads.add(new ProxySessionCreatedEvent(VC, ACCOUNT, "active", PAST_SESSIONS, List.of("+12065550003",
                "+12065550004"), "+12065550901", Set.of(Capability.VOICE), 100_000, null,
                NumberSelectionBehavior.PREFER_STICKY, null, null, T0.plusSeconds(10L * PAST_SESSIONS)));
        List<EventMessage<?>> events = new ArrayList<>();
        for (int seq = 0; seq < payloads.size(); seq++) {
            events.add(new GenericDomainEventMessage<>("VoiceConnector", VC, seq, payloads.get(seq)));
        }
        return events;
    }

    private static JacksonSerializer serializer() {
        ObjectMapper mapper = new AxonSerializationConfiguration().defaultAxonObjectMapper();
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /** The in-memory engine, counting what a load reads; snapshots pass through the serializer as in a real store. */
    static final class CountingEngine implements EventStorageEngine {
        private final EventStorageEngine delegate;
        private final JacksonSerializer serializer;
        final AtomicLong eventsRead = new AtomicLong();
        final AtomicLong snapshotsRead = new AtomicLong();
        final AtomicLong snapshotsStored = new AtomicLong();
        long largestSnapshotBytes;

        CountingEngine(EventStorageEngine delegate, JacksonSerializer serializer) {
            this.delegate = delegate;
            this.serializer = serializer;
        }

        void reset() {
            eventsRead.set(0);
            snapshotsRead.set(0);
            snapshotsStored.set(0);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            delegate.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            byte[] bytes = serializer.serialize(snapshot.getPayload(), byte[].class).getData();
            largestSnapshotBytes = Math.max(largestSnapshotBytes, bytes.length);
            Object copy = serializer.deserialize(serializer.serialize(snapshot.getPayload(), byte[].class));
            delegate.storeSnapshot(new GenericDomainEventMessage<>(snapshot.getType(), snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber(), copy));
            snapshotsStored.incrementAndGet();
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return delegate.readEvents(trackingToken, mayBlock);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            DomainEventStream events = delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
            return DomainEventStream.of(events.asStream().peek(e -> eventsRead.incrementAndGet()));
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            Optional<DomainEventMessage<?>> snapshot = delegate.readSnapshot(aggregateIdentifier);
            snapshot.ifPresent(s -> snapshotsRead.incrementAndGet());
            return snapshot;
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return delegate.lastSequenceNumberFor(aggregateIdentifier);
        }
    }
}
