package io.proxyline.bench;

import io.proxyline.api.connector.NumbersAddedEvent;
import io.proxyline.api.connector.ProxyConfigPutEvent;
import io.proxyline.api.connector.VoiceConnectorCreatedEvent;
import io.proxyline.api.interaction.InteractionAction;
import io.proxyline.api.interaction.InteractionReason;
import io.proxyline.api.interaction.InteractionRecordedEvent;
import io.proxyline.api.number.OrderedNumber;
import io.proxyline.api.number.PhoneNumberAcquiredEvent;
import io.proxyline.api.number.PhoneNumberAssociatedEvent;
import io.proxyline.api.number.PhoneNumberOrderPlacedEvent;
import io.proxyline.api.session.Capability;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.NumberSelectionBehavior;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionCreatedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import io.proxyline.api.session.ProxySessionInProgressEvent;
import io.proxyline.api.session.ProxySessionUpdatedEvent;
import io.proxyline.api.session.SessionExpiry;
import io.proxyline.api.wire.Caller;
import io.proxyline.store.EventStoreFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Writes a realistic event history straight into a fresh standalone data directory's event store
 * (Axon's JDBC engine on the H2 file, wired as the app wires it; see {@link EventStoreFile}), far
 * faster than the HTTP API could create it. The history is one the aggregates could have produced:
 * connectors are set up over time (a number order, each number acquired and associated, the
 * numbers added to the connector, a proxy configuration), and on each connector sessions are
 * created, some updated, most get interactions (the first one followed by the move to InProgress),
 * and end expired (closed at their expiry instant) or deleted; some interactions match no session.
 * Aggregate types, identifiers and sequence numbers are the app's ({@code VoiceConnector} holds
 * its sessions and interactions; {@code PhoneNumber}, {@code PhoneNumberOrder}); events carry the
 * caller metadata the app records. Seeded, so a size gives the same history every time.
 */
final class HistoryGenerator {
    private static final String CONNECTOR = "VoiceConnector";
    private static final String NUMBER = "PhoneNumber";
    private static final String ORDER = "PhoneNumberOrder";
    private static final List<String> ACCOUNTS = List.of(Api.ACCOUNT_ID, "222222222222", "333333333333");
    /** Stored events per connector over the history: the number of connectors grows with the history. */
    private static final int EVENTS_PER_CONNECTOR = 5_000;
    private static final int NUMBERS_PER_CONNECTOR = 10;
    private static final int ACTIVE_SESSIONS_PER_CONNECTOR = 20;
    private static final int PARTICIPANTS_PER_CONNECTOR = 400;
    /**
     * Time between two events, divided by the number of connectors so that a session's life takes the same
     * number of its own steps (and ends expired or deleted in the same proportions) at every size; every history
     * spans about a day (5,000 events per connector × 20 s).
     */
    private static final Duration CONNECTOR_STEP = Duration.ofSeconds(20);
    private static final int APPEND_BATCH = 2_000;
    /** The benchmark's histories: the same one for a given size, run after run. */
    static final long SEED = 20_261_124L;

    /** Stored events per session over a history, as measured on the generator's own histories (100,000 / 21,312). */
    static final double EVENTS_PER_SESSION = 4.7;
    /** Closed sessions of the benchmark's account kept as {@link Summary#readable()}: GetProxySession answers them. */
    private static final int SAMPLE = 10_000;

    /** A session of the benchmark's account that GetProxySession can read (it ended expired, not deleted). */
    record SessionRef(String voiceConnectorId, String proxySessionId) {}

    /** What was written: events per payload type, and a uniform sample of the readable sessions. */
    record Summary(long events, int connectors, long sessions, Map<String, Long> byType, double seconds,
                   List<SessionRef> readable) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    /**
     * Events between two compactions of the file (close with {@code SHUTDOWN COMPACT}, reopen). H2's MVStore
     * reclaims the chunks that appends of 2,000 events rewrite more slowly than they are written: 300,000 events
     * took 2.5 GB before the compaction at the end and 98 MB after it (1.3 GB with {@code RETENTION_TIME=0}),
     * and a million sessions filled 47 GB before it was stopped.
     */
    private static final long COMPACT_EVERY = 250_000;

    private final Path dataDir;
    private EventStoreFile store;
    private long compactedAt;
    private final long target;
    /** True: {@link #target} counts sessions created; false: events written. */
    private final boolean sessionsTarget;
    private final Random random;
    private final List<SessionRef> readable = new ArrayList<>();
    /** Apart from {@link #random}, so that sampling leaves a seed's history as it was. */
    private final Random sampling = new Random(1);
    private long readableSeen;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final Map<String, Long> byType = new TreeMap<>();
    private final List<DomainEventMessage<?>> pending = new ArrayList<>(APPEND_BATCH);
    private final List<Connector> connectors = new ArrayList<>();
    private final int connectorCount;
    private final Duration step;
    private Instant now;
    private long written;
    private long sessions;
    private long numberCounter;

    private HistoryGenerator(Path dataDir, long target, boolean sessionsTarget, long seed) {
        this.dataDir = dataDir;
        this.store = EventStoreFile.open(dataDir);
        this.target = target;
        this.sessionsTarget = sessionsTarget;
        this.random = new Random(seed);
        long events = expectedEvents();
        this.connectorCount = (int) Math.max(2, events / EVENTS_PER_CONNECTOR);
        this.step = CONNECTOR_STEP.dividedBy(connectorCount);
        this.now = Instant.now().minus(step.multipliedBy(events + 1));
    }

    private long expectedEvents() {
        return sessionsTarget ? (long) (target * EVENTS_PER_SESSION) : target;
    }

    /**
     * {@code HistoryGenerator <data-dir> <events>}: writes a history into a standalone data directory by hand, e.g.
     * {@code java -cp benchmarks/target/proxyline-benchmarks.jar -Dloader.main=io.proxyline.bench.HistoryGenerator
     * org.springframework.boot.loader.launch.PropertiesLauncher data 1000000}, then {@code bin/proxyline} on it.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) throw new IllegalArgumentException("usage: HistoryGenerator <data-dir> <events>");
        Path dataDir = java.nio.file.Files.createDirectories(Path.of(args[0]));
        Summary summary = generate(dataDir, Long.parseLong(args[1]), SEED);
        System.out.printf("%,d events (%d connectors, %,d sessions) in %.1f s: %s%n", summary.events(),
                summary.connectors(), summary.sessions(), summary.seconds(), summary.byType());
    }

    /** Writes about {@code events} events (to within one session's step) into {@code dataDir}'s event store. */
    static Summary generate(Path dataDir, long events, long seed) throws Exception {
        return generate(dataDir, events, false, seed);
    }

    /**
     * Writes a history in which exactly {@code sessions} sessions were created (about {@link #EVENTS_PER_SESSION}
     * events each), into {@code dataDir}'s event store.
     */
    static Summary generateSessions(Path dataDir, long sessions, long seed) throws Exception {
        return generate(dataDir, sessions, true, seed);
    }

    private static Summary generate(Path dataDir, long target, boolean sessionsTarget, long seed) throws Exception {
        long start = System.nanoTime();
        HistoryGenerator generator;
        generator = new HistoryGenerator(dataDir, target, sessionsTarget, seed);
        try {
            generator.run();
        } finally {
            generator.store.close();
        }
        return new Summary(generator.written + generator.pending.size(), generator.connectorCount, generator.sessions,
                generator.byType, (System.nanoTime() - start) / 1e9, List.copyOf(generator.readable));
    }

    private void run() {
        long perConnector = expectedEvents() / connectorCount;
        while (sessionsTarget ? sessions < target : count() < target) {
            long progress = sessionsTarget ? (long) (sessions * EVENTS_PER_SESSION) : count();
            if (connectors.size() < connectorCount && progress >= connectors.size() * perConnector) {
                setUpConnector();
                continue;
            }
            Connector c = connectors.get(random.nextInt(connectors.size()));
            if (random.nextInt(100) < 3) {
                unmatchedInteraction(c);
            } else if (c.active.size() < ACTIVE_SESSIONS_PER_CONNECTOR) {
                create(c);
            } else {
                advance(c, c.active.get(random.nextInt(c.active.size())));
            }
        }
        flush();
    }

    private long count() {
        return written + pending.size();
    }

    // ---- connectors and their numbers ---------------------------------------------------------

    private void setUpConnector() {
        String account = ACCOUNTS.get(connectors.size() % ACCOUNTS.size());
        Connector c = new Connector(newId(), account);
        String request = requestId();
        emit(CONNECTOR, c.id, new VoiceConnectorCreatedEvent(c.id, account, "connector-" + connectors.size(),
                "us-east-1", true, null, null, tick()), account, request);
        String orderId = UUID.randomUUID().toString();
        List<OrderedNumber> ordered = new ArrayList<>();
        for (int i = 0; i < NUMBERS_PER_CONNECTOR; i++) {
            c.pool.add(String.format("+1206%07d", 2_000_000 + numberCounter++));
            ordered.add(new OrderedNumber(c.pool.get(i), "Acquired"));
        }
        request = requestId();
        for (String number : c.pool) {
            emit(NUMBER, number, new PhoneNumberAcquiredEvent(number, account, orderId, "VoiceConnector", null, "US",
                    false, tick()), account, request);
        }
        emit(ORDER, orderId, new PhoneNumberOrderPlacedEvent(orderId, account, "VoiceConnector", ordered,
                "Successful", tick()), account, request);
        request = requestId();
        for (String number : c.pool) {
            emit(NUMBER, number, new PhoneNumberAssociatedEvent(number, account, c.id, tick()), account, request);
        }
        emit(CONNECTOR, c.id, new NumbersAddedEvent(c.id, List.copyOf(c.pool), tick()), account, request);
        emit(CONNECTOR, c.id, new ProxyConfigPutEvent(c.id, 60, List.of("US"), c.pool.get(0), false, tick()),
                account, requestId());
        for (int i = 0; i < PARTICIPANTS_PER_CONNECTOR; i++) {
            c.participants.add(String.format("+1425%07d", 1_000_000 + random.nextInt(8_000_000)));
        }
        connectors.add(c);
    }

    // ---- sessions -----------------------------------------------------------------------------

    private void create(Connector c) {
        String a = c.participants.get(random.nextInt(c.participants.size()));
        String b;
        do {
            b = c.participants.get(random.nextInt(c.participants.size()));
        } while (b.equals(a));
        Session s = new Session(newId(), List.of(a, b), c.pool.get(random.nextInt(c.pool.size())), 5 + random.nextInt(56),
                tick(), random.nextInt(100) < 30, plannedInteractions());
        Set<Capability> capabilities = random.nextInt(4) == 0 ? EnumSet.of(Capability.VOICE)
                : EnumSet.of(Capability.SMS, Capability.VOICE);
        emit(CONNECTOR, c.id, new ProxySessionCreatedEvent(c.id, c.account, s.id, c.nextOrdinal++, s.participants,
                s.proxy, capabilities, s.expiryMinutes, "session-" + sessions, NumberSelectionBehavior.PREFER_STICKY, null,
                null, s.createdAt), c.account, requestId());
        c.active.add(s);
        sessions++;
    }

    /** 15 % none, 45 % one, 25 % two, 15 % three. */
    private int plannedInteractions() {
        int r = random.nextInt(100);
        return r < 15 ? 0 : r < 60 ? 1 : r < 85 ? 2 : 3;
    }

    /** One step of a session's life: expiry first, as the sweeper would record it; else update, interact or end. */
    private void advance(Connector c, Session s) {
        Instant at = tick();
        if (!at.isBefore(s.expiresAt())) {
            emit(CONNECTOR, c.id, new ProxySessionClosedEvent(c.id, s.id, CloseReason.EXPIRED, s.expiresAt()),
                    c.account, requestId());
            c.active.remove(s);
            if (c.account.equals(Api.ACCOUNT_ID)) sample(new SessionRef(c.id, s.id));
        } else if (s.pendingUpdate) {
            s.pendingUpdate = false;
            s.expiryMinutes += 30;
            emit(CONNECTOR, c.id, new ProxySessionUpdatedEvent(c.id, s.id, EnumSet.of(Capability.SMS, Capability.VOICE),
                    s.expiryMinutes, at), c.account, requestId());
        } else if (s.interactions < s.plannedInteractions) {
            boolean forward = random.nextBoolean();
            String from = s.participants.get(forward ? 0 : 1);
            String to = s.participants.get(forward ? 1 : 0);
            String interactionId = UUID.randomUUID().toString();
            String request = requestId();
            emit(CONNECTOR, c.id, new InteractionRecordedEvent(c.id, c.account, interactionId, s.id,
                    random.nextBoolean() ? Capability.VOICE : Capability.SMS, from, s.proxy, InteractionAction.FORWARD,
                    s.proxy, to, null, at), c.account, request);
            if (s.interactions++ == 0) {
                emit(CONNECTOR, c.id, new ProxySessionInProgressEvent(c.id, s.id, interactionId, at), c.account, request);
            }
        } else if (random.nextInt(100) < 10) {
            emit(CONNECTOR, c.id, new ProxySessionDeletedEvent(c.id, s.id, at), c.account, requestId());
            c.active.remove(s);
        }
        // Otherwise the session stays open until it expires or is deleted.
    }

    /** Reservoir sampling: every readable session is equally likely to be kept. */
    private void sample(SessionRef session) {
        readableSeen++;
        if (readable.size() < SAMPLE) {
            readable.add(session);
        } else {
            long slot = (long) (sampling.nextDouble() * readableSeen);
            if (slot < SAMPLE) readable.set((int) slot, session);
        }
    }

    private void unmatchedInteraction(Connector c) {
        String from = String.format("+1503%07d", 1_000_000 + random.nextInt(8_000_000));
        String proxy = c.pool.get(random.nextInt(c.pool.size()));
        boolean fallBack = random.nextBoolean();
        emit(CONNECTOR, c.id, new InteractionRecordedEvent(c.id, c.account, UUID.randomUUID().toString(), null,
                Capability.VOICE, from, proxy, fallBack ? InteractionAction.FALLBACK : InteractionAction.REJECT,
                fallBack ? proxy : null, fallBack ? c.pool.get(0) : null, InteractionReason.NO_ACTIVE_SESSION, tick()),
                c.account, requestId());
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private Instant tick() {
        now = now.plus(step);
        return now;
    }

    private void emit(String type, String aggregateId, Object payload, String account, String requestId) {
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        MetaData metaData = MetaData.from(Map.of(
                Caller.ACCOUNT, account, Caller.ACCESS_KEY, Api.ACCESS_KEY_ID, Caller.REQUEST_ID, requestId));
        pending.add(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData,
                UUID.randomUUID().toString(), now));
        byType.merge(payload.getClass().getSimpleName(), 1L, Long::sum);
        if (pending.size() >= APPEND_BATCH) flush();
    }

    private void flush() {
        if (pending.isEmpty()) return;
        store.engine().appendEvents(pending);
        written += pending.size();
        pending.clear();
        if (written - compactedAt >= COMPACT_EVERY) {
            try {
                store.close();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("compacting the event store file", e);
            }
            store = EventStoreFile.open(dataDir);
            compactedAt = written;
        }
    }

    private String requestId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** In the style of the app's resource ids (22 of [a-z0-9]). */
    private String newId() {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) id[i] = "abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36));
        return new String(id);
    }

    private static final class Connector {
        final String id;
        final String account;
        final List<String> pool = new ArrayList<>();
        final List<String> participants = new ArrayList<>();
        final List<Session> active = new ArrayList<>();
        long nextOrdinal;

        Connector(String id, String account) {
            this.id = id;
            this.account = account;
        }
    }

    private static final class Session {
        final String id;
        final List<String> participants;
        final String proxy;
        final Instant createdAt;
        final int plannedInteractions;
        int expiryMinutes;
        boolean pendingUpdate;
        int interactions;

        Session(String id, List<String> participants, String proxy, int expiryMinutes, Instant createdAt,
                boolean pendingUpdate, int plannedInteractions) {
            this.id = id;
            this.participants = participants;
            this.proxy = proxy;
            this.expiryMinutes = expiryMinutes;
            this.createdAt = createdAt;
            this.pendingUpdate = pendingUpdate;
            this.plannedInteractions = plannedInteractions;
        }

        Instant expiresAt() {
            return new SessionExpiry(createdAt, expiryMinutes).expiresAt();
        }
    }
}
