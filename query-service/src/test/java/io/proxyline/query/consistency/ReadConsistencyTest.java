package io.proxyline.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-after-write against a real tracking processor reading a real (in-memory) event store. */
class ReadConsistencyTest {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();
    private final ProjectionProgress progress = new ProjectionProgress();
    private EmbeddedEventStore eventStore;
    private TrackingEventProcessor processor;

    /** A projection whose handler waits until the test opens the gate. */
    class GatedProjection {
        @EventHandler
        void on(String event) throws InterruptedException {
            gate.await();
            handled.incrementAndGet();
        }
    }

    @BeforeEach
    void startProcessor() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        processor = TrackingEventProcessor.builder()
                .name("proxy-sessions")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new GatedProjection()).build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        // Only so that shutting the processor down between tests is quick.
                        .andEventAvailabilityTimeout(50, TimeUnit.MILLISECONDS))
                .build();
        processor.registerHandlerInterceptor(progress.batchInterceptor());
        processor.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> processor.processingStatus().size() == 1);
    }

    @AfterEach
    void stopProcessor() {
        gate.countDown();
        processor.shutDown();
        eventStore.shutDown();
    }

    private ReadConsistency consistency(Duration timeout) {
        return new ReadConsistency(eventStore::createHeadToken, () -> List.of(processor), progress, timeout, Duration.ofMillis(500));
    }

    private void publish(Object payload) {
        eventStore.publish(GenericEventMessage.asEventMessage(payload));
    }

    @Test
    void readWaitsUntilTheProjectionHandledWhatWasWrittenBefore() throws Exception {
        ReadConsistency consistency = consistency(Duration.ofSeconds(10));
        publish("session created");

        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            consistency.awaitCaughtUp();
            return handled.get();
        });

        assertThatThrownBy(() -> read.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        gate.countDown();
        assertThat(read.get(5, TimeUnit.SECONDS)).as("the write is visible once the wait ends").isEqualTo(1);
    }

    @Test
    void readAfterTheProjectionCaughtUpDoesNotWait() {
        ReadConsistency consistency = consistency(Duration.ofSeconds(10));
        gate.countDown();
        publish("session created");
        consistency.awaitCaughtUp();
        assertThat(handled).hasValue(1);

        long started = System.nanoTime();
        consistency.awaitCaughtUp();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void readAnswersAnywayWhenTheProjectionDoesNotCatchUpInTime() {
        ReadConsistency consistency = consistency(Duration.ofMillis(300));
        publish("session created");

        long started = System.nanoTime();
        consistency.awaitCaughtUp();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
        assertThat(handled).hasValue(0);
    }

    @Test
    void emptyStoreHasNothingToWaitFor() {
        long started = System.nanoTime();
        consistency(Duration.ofSeconds(10)).awaitCaughtUp();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void eventsNoQueryProjectionHandlesDoNotHoldReadsUp() {
        // The processor advances past events it has no handler for without invoking any
        // interceptor; the re-check sees it.
        publish(42);

        long started = System.nanoTime();
        consistency(Duration.ofSeconds(10)).awaitCaughtUp();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void unreadableEventStoreDoesNotFailTheRead() {
        ReadConsistency consistency = new ReadConsistency(() -> {
            throw new IllegalStateException("event store down");
        }, () -> List.of(processor), progress, Duration.ofSeconds(1), Duration.ofMillis(500));

        consistency.awaitCaughtUp();
    }

    @Test
    void slowEventStoreDoesNotHoldTheReadPastTheTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        ReadConsistency consistency = new ReadConsistency(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, () -> List.of(processor), progress, Duration.ofMillis(200), Duration.ofMillis(500));
        try {
            long started = System.nanoTime();
            consistency.awaitCaughtUp();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(3));
        } finally {
            consistency.close();
        }
    }
}
