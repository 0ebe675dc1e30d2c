package io.proxyline.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.proxyline.query.InMemoryMongo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The head on the production profile's store: axon-mongo's engine, here on mongo-java-server. */
class EventStoreHeadTest {
    @RegisterExtension
    static final InMemoryMongo mongo = new InMemoryMongo();

    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();
    private final ProjectionProgress progress = new ProjectionProgress();
    private MongoTemplate template;
    private EmbeddedEventStore eventStore;
    private TrackingEventProcessor processor;

    class GatedProjection {
        @EventHandler
        void on(String event) throws InterruptedException {
            gate.await();
            handled.incrementAndGet();
        }
    }

    @BeforeEach
    void mongoEventStore() {
        template = DefaultMongoTemplate.builder()
                .mongoDatabase(mongo.uncheckedClient(), mongo.database().getName())
                .build();
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(MongoEventStorageEngine.builder()
                        .mongoTemplate(template)
                        .eventSerializer(JacksonSerializer.defaultSerializer())
                        .snapshotSerializer(JacksonSerializer.defaultSerializer())
                        .build())
                .fetchDelay(20)
                .build();
    }

    @AfterEach
    void stop() {
        gate.countDown();
        if (processor != null) {
            processor.shutDown();
        }
        eventStore.shutDown();
    }

    private EventStoreHead head() {
        return new EventStoreHead(eventStore::createHeadToken, template::eventCollection);
    }

    private void publish(String payload) {
        eventStore.publish(GenericEventMessage.asEventMessage(payload));
    }

    @Test
    void mongoEnginesWallClockHeadIsReplacedByTheNewestEvent() {
        publish("first");
        publish("second");
        EventMessage<?> newest = GenericEventMessage.asEventMessage("third");
        eventStore.publish(newest);

        assertThat(((MongoTrackingToken) eventStore.createHeadToken()).getTrackedEvents())
                .as("axon-mongo's own head names no event")
                .isEmpty();
        TrackingToken head = head().get();
        assertThat(head).isInstanceOfSatisfying(MongoTrackingToken.class,
                token -> assertThat(token.getKnownEventIds()).containsExactly(newest.getIdentifier()));
    }

    @Test
    void emptyMongoStoreHasNoHead() {
        assertThat(head().get()).isNull();
    }

    @Test
    void otherStoresHeadsAreUsedAsTheyAre() {
        GlobalSequenceTrackingToken jdbcLike = new GlobalSequenceTrackingToken(41);

        assertThat(new EventStoreHead(() -> jdbcLike, () -> {
            throw new AssertionError("the event collection is not needed");
        }).get()).isSameAs(jdbcLike);
    }

    @Test
    void readOnAQuietMongoStoreDoesNotWaitOutTheTimeout() throws Exception {
        startProcessor();
        ReadConsistency consistency = new ReadConsistency(head(), () -> List.of(processor), progress,
                Duration.ofSeconds(10), Duration.ofMillis(500));
        publish("session created");

        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            consistency.awaitCaughtUp();
            return handled.get();
        });
        assertThatThrownBy(() -> read.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        gate.countDown();
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(1);

        // Nothing new since: with the wall clock as head this would take the whole 10 s.
        long started = System.nanoTime();
        consistency.awaitCaughtUp();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    private void startProcessor() {
        processor = TrackingEventProcessor.builder()
                .name("proxy-sessions")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new GatedProjection()).build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andEventAvailabilityTimeout(50, TimeUnit.MILLISECONDS))
                .build();
        processor.registerHandlerInterceptor(progress.batchInterceptor());
        processor.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> processor.processingStatus().size() == 1);
    }
}
