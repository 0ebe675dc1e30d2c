package io.proxyline.command.ended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.proxyline.api.session.CloseReason;
import io.proxyline.api.session.ProxySessionClosedEvent;
import io.proxyline.api.session.ProxySessionDeletedEvent;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both profiles' stores behind the ended-session directory, and the one-time backfill. */
class EndedSessionStoreTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static MongoServer server;
    static MongoClient client;

    @BeforeAll
    static void startMongo() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    static List<Function<String, EndedSessionStore>> stores() {
        return List.of(
                name -> {
                    JdbcDataSource h2 = new JdbcDataSource();
                    h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
                    return new JdbcEndedSessionStore(h2);
                },
                name -> new MongoEndedSessionStore(client.getDatabase(name)));
    }

    private static EndedSessionStore fresh(Function<String, EndedSessionStore> kind) {
        return kind.apply("t" + UUID.randomUUID().toString().replace("-", ""));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void closingAddsAndDeletionRemovesPerConnector(Function<String, EndedSessionStore> kind) {
        EndedSessionsDirectory directory = new EndedSessionsDirectory(fresh(kind));
        directory.on(new ProxySessionClosedEvent("vc1", "s1", CloseReason.EXPIRED, T0));
        directory.on(new ProxySessionClosedEvent("vc1", "s1", CloseReason.EXPIRED, T0)); // a second closing is harmless
        assertTrue(directory.contains("vc1", "s1"));
        assertFalse(directory.contains("vc2", "s1"), "another connector's session of the same id");
        directory.on(new ProxySessionDeletedEvent("vc1", "s1", T0));
        assertFalse(directory.contains("vc1", "s1"));
        directory.on(new ProxySessionDeletedEvent("vc1", "never-closed", T0));
        assertFalse(directory.contains("vc1", "never-closed"));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void backfillReadsTheStoredClosingsAndDeletionsOnce(Function<String, EndedSessionStore> kind) {
        EndedSessionStore store = fresh(kind);
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        engine.appendEvents(
                new GenericDomainEventMessage<>("VoiceConnector", "vc1", 0,
                        new ProxySessionClosedEvent("vc1", "s1", CloseReason.EXPIRED, T0)),
                new GenericDomainEventMessage<>("VoiceConnector", "vc1", 1,
                        new ProxySessionClosedEvent("vc1", "s2", CloseReason.EXPIRED, T0)),
                new GenericDomainEventMessage<>("VoiceConnector", "vc1", 2, new ProxySessionDeletedEvent("vc1", "s2", T0)));
        assertFalse(store.built());
        EndedSessionsConfiguration.backfill(store, engine, NoTransactionManager.INSTANCE, 2);
        assertTrue(store.built());
        assertTrue(store.contains("vc1", "s1"));
        assertFalse(store.contains("vc1", "s2"));

        store.remove("vc1", "s1");
        EndedSessionsConfiguration.backfill(store, engine, NoTransactionManager.INSTANCE, 2);
        assertFalse(store.contains("vc1", "s1"), "a built directory is not filled again");
    }

    @ParameterizedTest
    @MethodSource("stores")
    void backfillCommitsOncePerChunkOfEventsNotPerEntry(Function<String, EndedSessionStore> kind) {
        EndedSessionStore store = fresh(kind);
        InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
        for (int i = 0; i < 25; i++) {
            engine.appendEvents(new GenericDomainEventMessage<>("VoiceConnector", "vc1", i,
                    new ProxySessionClosedEvent("vc1", "s" + i, CloseReason.EXPIRED, T0)));
        }
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger open = new AtomicInteger();
        TransactionManager counting = () -> {
            open.incrementAndGet();
            return new Transaction() {
                @Override
                public void commit() {
                    open.decrementAndGet();
                    commits.incrementAndGet();
                }

                @Override
                public void rollback() {
                    open.decrementAndGet();
                }
            };
        };
        EndedSessionsConfiguration.backfill(store, engine, counting, 10);
        assertEquals(3, commits.get(), "25 events in chunks of 10");
        assertEquals(0, open.get());
        for (int i = 0; i < 25; i++) assertTrue(store.contains("vc1", "s" + i), "s" + i);
        assertTrue(store.built());
    }
}
