package io.proxyline.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How positions are compared with the head, with the processor's status under the test's control:
 * JDBC gaps, failing segments, segments claimed elsewhere.
 */
class ReadConsistencyGapTest {
    private static final GapAwareTrackingToken HEAD = GapAwareTrackingToken.newInstance(10, List.of());
    private static final Duration GRACE = Duration.ofMillis(400);

    private final ProjectionProgress progress = new ProjectionProgress();
    private final AtomicReference<TrackingToken> position = new AtomicReference<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean claimed = new AtomicBoolean(true);
    private StreamingEventProcessor processor;

    @BeforeEach
    void processorWithOneSegment() {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getSegment()).thenReturn(Segment.ROOT_SEGMENT);
        when(status.getTrackingToken()).thenAnswer(invocation -> position.get());
        when(status.isErrorState()).thenAnswer(invocation -> failing.get());
        processor = mock(StreamingEventProcessor.class);
        when(processor.getName()).thenReturn("proxy-sessions");
        when(processor.processingStatus()).thenAnswer(invocation -> claimed.get() ? Map.of(0, status) : Map.of());
    }

    private ReadConsistency consistency(Duration timeout) {
        return new ReadConsistency(() -> HEAD, () -> List.of(processor), progress, timeout, GRACE);
    }

    private static Duration timed(Runnable read) {
        long started = System.nanoTime();
        read.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void positionBehindTheHeadIsWaitedFor() {
        position.set(GapAwareTrackingToken.newInstance(9, List.of()));

        assertThat(timed(consistency(Duration.ofMillis(300))::awaitCaughtUp)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void positionAtTheHeadIsNotWaitedFor() {
        position.set(GapAwareTrackingToken.newInstance(10, List.of()));

        assertThat(timed(consistency(Duration.ofSeconds(5))::awaitCaughtUp)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void gapThatFillsEndsTheWait() throws Exception {
        position.set(GapAwareTrackingToken.newInstance(12, List.of(7L)));
        ReadConsistency consistency = new ReadConsistency(() -> HEAD, () -> List.of(processor), progress,
                Duration.ofSeconds(10), Duration.ofSeconds(8));

        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<Duration> read = CompletableFuture.supplyAsync(() -> {
            reader.set(Thread.currentThread());
            return timed(consistency::awaitCaughtUp);
        });
        // The reader has seen the gap and waits.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> reader.get() != null && reader.get().getState() == Thread.State.TIMED_WAITING);
        position.set(GapAwareTrackingToken.newInstance(12, List.of()));
        progress.signal();

        assertThat(read.get(5, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void gapThatStaysOpenIsTakenAsRolledBackAfterTheGrace() {
        // A rolled-back insert at 7: the processor's token keeps the gap, the head has none.
        position.set(GapAwareTrackingToken.newInstance(12, List.of(7L)));
        ReadConsistency consistency = consistency(Duration.ofSeconds(10));

        Duration first = timed(consistency::awaitCaughtUp);
        Duration second = timed(consistency::awaitCaughtUp);

        assertThat(first).isBetween(GRACE, Duration.ofSeconds(5));
        assertThat(second).as("the gap is known to be stale by now").isLessThan(GRACE);
    }

    @Test
    void gapsAboveTheHeadDoNotMatter() {
        position.set(GapAwareTrackingToken.newInstance(14, List.of(12L, 13L)));

        assertThat(timed(consistency(Duration.ofSeconds(5))::awaitCaughtUp)).isLessThan(GRACE);
    }

    @Test
    void replayingProcessorIsComparedByItsCurrentPosition() {
        TrackingToken atReset = GapAwareTrackingToken.newInstance(20, List.of());
        position.set(ReplayToken.createReplayToken(atReset, GapAwareTrackingToken.newInstance(4, List.of())));
        assertThat(timed(consistency(Duration.ofMillis(300))::awaitCaughtUp)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        position.set(ReplayToken.createReplayToken(atReset, GapAwareTrackingToken.newInstance(10, List.of())));
        assertThat(timed(consistency(Duration.ofSeconds(5))::awaitCaughtUp)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void failingSegmentIsNotWaitedFor() {
        position.set(GapAwareTrackingToken.newInstance(3, List.of()));
        failing.set(true);

        assertThat(timed(consistency(Duration.ofSeconds(5))::awaitCaughtUp)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void segmentsClaimedByAnotherInstanceAreNotWaitedFor() {
        claimed.set(false);

        assertThat(timed(consistency(Duration.ofSeconds(5))::awaitCaughtUp)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void processorThatHasNotStartedIsWaitedFor() {
        position.set(null);

        assertThat(timed(consistency(Duration.ofMillis(300))::awaitCaughtUp)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
