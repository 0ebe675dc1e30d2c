package io.proxyline.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class ProjectionProgressTest {
    private static final long NEVER_RECHECK = TimeUnit.SECONDS.toNanos(60);

    private final ProjectionProgress progress = new ProjectionProgress();
    private final AtomicBoolean advanced = new AtomicBoolean();
    private final AtomicReference<Thread> waiter = new AtomicReference<>();

    /** Starts a waiter that only a signal can wake (its re-check interval is a minute). */
    private CompletableFuture<Boolean> waitForAdvance() {
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            try {
                return progress.await(advanced::get, System.nanoTime() + TimeUnit.SECONDS.toNanos(30), NEVER_RECHECK);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> waiter.get() != null && waiter.get().getState() == Thread.State.TIMED_WAITING);
        return result;
    }

    @Test
    void signalWakesWaiters() throws Exception {
        CompletableFuture<Boolean> waiting = waitForAdvance();

        advanced.set(true);
        progress.signal();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waiterGivesUpAtItsDeadline() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);

        assertThat(progress.await(advanced::get, deadline, NEVER_RECHECK)).isFalse();
        assertThat(System.nanoTime() - deadline).isNotNegative();
    }

    @Test
    void conditionThatAlreadyHoldsReturnsAtOnce() throws Exception {
        advanced.set(true);

        assertThat(progress.await(advanced::get, System.nanoTime(), NEVER_RECHECK)).isTrue();
    }

    @Test
    void batchInterceptorSignalsOnceTheBatchIsCommitted() throws Exception {
        CompletableFuture<Boolean> waiting = waitForAdvance();
        EventMessage<?> first = GenericEventMessage.asEventMessage("a");
        EventMessage<?> second = GenericEventMessage.asEventMessage("b");
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(first, second);

        batch.executeWithResult(() -> {
            var chain = new DefaultInterceptorChain<>(batch, java.util.List.of(progress.batchInterceptor()),
                    message -> null);
            chain.proceed();
            advanced.set(true);
            return null;
        });

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void interceptorWorksOutsideBatches() throws Exception {
        CompletableFuture<Boolean> waiting = waitForAdvance();
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("a"));

        new DefaultInterceptorChain<>(unitOfWork, java.util.List.of(progress.batchInterceptor()), message -> null).proceed();
        advanced.set(true);
        unitOfWork.commit();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    }
}
