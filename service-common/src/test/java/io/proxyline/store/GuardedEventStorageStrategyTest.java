package io.proxyline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuardedEventStorageStrategyTest {
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    MongoServer server;
    MongoClient client;
    MongoCollection<Document> events;
    GuardedEventStorageStrategy strategy =
            new GuardedEventStorageStrategy(Duration.ofSeconds(10), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        events = client.getDatabase("t").getCollection("domainevents");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    static GenericDomainEventMessage<String> stampedAt(Instant at) {
        return new GenericDomainEventMessage<>("T", "agg", 0, "payload", java.util.Map.of(), "id-" + at, at);
    }

    @Test
    void freshEventsAreAppended() {
        strategy.appendEvents(events, List.of(stampedAt(NOW.minusSeconds(4))), JacksonSerializer.defaultSerializer());
        assertThat(events.countDocuments()).isEqualTo(1);
    }

    @Test
    void eventsOlderThanHalfTheLookBackAreRefusedAsTransient() {
        assertThatThrownBy(() -> strategy.appendEvents(events, List.of(stampedAt(NOW.minusSeconds(6))),
                JacksonSerializer.defaultSerializer()))
                .isInstanceOf(org.axonframework.common.AxonTransientException.class);
        assertThat(events.countDocuments()).isZero();
    }
}
