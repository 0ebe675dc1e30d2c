package io.proxyline.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeadTokenLookupsTest {
    private final AtomicInteger lookups = new AtomicInteger();
    private final CountDownLatch firstLookupStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirstLookup = new CountDownLatch(1);
    private final HeadTokenLookups heads = new HeadTokenLookups(() -> {
        int number = lookups.incrementAndGet();
        if (number == 1) {
            firstLookupStarted.countDown();
            await(releaseFirstLookup);
        }
        return new GlobalSequenceTrackingToken(number);
    });

    @AfterEach
    void close() {
        releaseFirstLookup.countDown();
        heads.close();
    }

    @Test
    void readersArrivingDuringALookupShareTheNextOneAndNeverTheOneInFlight() throws Exception {
        CompletableFuture<Optional<TrackingToken>> first = heads.next();
        assertThat(firstLookupStarted.await(5, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Optional<TrackingToken>>> later = IntStream.range(0, 20).mapToObj(i -> heads.next()).toList();
        releaseFirstLookup.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).contains(new GlobalSequenceTrackingToken(1));
        for (CompletableFuture<Optional<TrackingToken>> read : later) {
            assertThat(read.get(5, TimeUnit.SECONDS)).contains(new GlobalSequenceTrackingToken(2));
        }
        assertThat(lookups).hasValue(2);
    }

    @Test
    void readerAfterALookupFinishedStartsANewOne() throws Exception {
        releaseFirstLookup.countDown();
        assertThat(heads.next().get(5, TimeUnit.SECONDS)).contains(new GlobalSequenceTrackingToken(1));

        assertThat(heads.next().get(5, TimeUnit.SECONDS)).contains(new GlobalSequenceTrackingToken(2));
    }

    @Test
    void emptyStoreGivesNoHead() throws Exception {
        try (HeadTokenLookups empty = new HeadTokenLookups(() -> null)) {
            assertThat(empty.next().get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void failedLookupFailsOnlyItsReaders() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (HeadTokenLookups flaky = new HeadTokenLookups(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("store down");
            }
            return new GlobalSequenceTrackingToken(5);
        })) {
            assertThatThrownBy(() -> flaky.next().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(flaky.next().get(5, TimeUnit.SECONDS)).contains(new GlobalSequenceTrackingToken(5));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
