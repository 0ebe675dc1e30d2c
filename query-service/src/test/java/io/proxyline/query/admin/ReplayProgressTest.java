package io.proxyline.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {
    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");

    private static ReplayProgress running(long from, long target, long position, Duration elapsed) {
        return ReplayProgress.of("proxy-sessions", START, null, elapsed, OptionalLong.of(from), OptionalLong.of(target),
                OptionalLong.of(position), null);
    }

    @Test
    void halfWayReportsDoneTotalRateAndTimeLeft() {
        ReplayProgress progress = running(0, 1000, 250, Duration.ofSeconds(2));

        assertThat(progress.state()).isEqualTo(ReplayProgress.REPLAYING);
        assertThat(progress.eventsDone()).isEqualTo(250);
        assertThat(progress.eventsTotal()).isEqualTo(1000);
        assertThat(progress.percentDone()).isEqualTo(25.0);
        assertThat(progress.elapsedSeconds()).isEqualTo(2.0);
        assertThat(progress.eventsPerSecond()).isEqualTo(125.0);
        assertThat(progress.etaSeconds()).isEqualTo(6.0);
        assertThat(progress.startedAt()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(progress.finishedAt()).isNull();
        assertThat(progress.completed()).isFalse();
    }

    @Test
    void countsFromTheTailNotFromZero() {
        ReplayProgress progress = running(10, 110, 60, Duration.ofSeconds(1));

        assertThat(progress.eventsDone()).isEqualTo(50);
        assertThat(progress.eventsTotal()).isEqualTo(100);
        assertThat(progress.fromPosition()).isEqualTo(10);
        assertThat(progress.targetPosition()).isEqualTo(110);
        assertThat(progress.position()).isEqualTo(60);
    }

    @Test
    void nothingDoneYetHasNoEstimate() {
        ReplayProgress progress = running(0, 1000, 0, Duration.ofMillis(300));

        assertThat(progress.eventsDone()).isZero();
        assertThat(progress.eventsPerSecond()).isEqualTo(0.0);
        assertThat(progress.etaSeconds()).isNull();
    }

    @Test
    void completedReplayHasTheFullCountAndItsAverageRate() {
        // The processor has gone past the target: events stored after the replay started are not counted.
        ReplayProgress progress = ReplayProgress.of("interactions", START, START.plusSeconds(4), Duration.ofSeconds(4),
                OptionalLong.of(0), OptionalLong.of(1000), OptionalLong.of(1010), null);

        assertThat(progress.state()).isEqualTo(ReplayProgress.COMPLETED);
        assertThat(progress.completed()).isTrue();
        assertThat(progress.eventsDone()).isEqualTo(1000);
        assertThat(progress.percentDone()).isEqualTo(100.0);
        assertThat(progress.eventsPerSecond()).isEqualTo(250.0);
        assertThat(progress.etaSeconds()).isEqualTo(0.0);
        assertThat(progress.finishedAt()).isEqualTo("2024-03-01T10:00:04Z");
    }

    @Test
    void emptyStoreIsCompleteAtOnce() {
        ReplayProgress progress = ReplayProgress.of("connectors", START, START, Duration.ZERO,
                OptionalLong.of(0), OptionalLong.of(0), OptionalLong.empty(), null);

        assertThat(progress.eventsTotal()).isZero();
        assertThat(progress.percentDone()).isEqualTo(100.0);
        assertThat(progress.eventsPerSecond()).isNull();
    }

    @Test
    void storeWithoutPositionsReportsOnlyStateAndTime() {
        ReplayProgress progress = ReplayProgress.of("proxy-sessions", START, null, Duration.ofSeconds(3),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), null);

        assertThat(progress.state()).isEqualTo(ReplayProgress.REPLAYING);
        assertThat(progress.eventsDone()).isNull();
        assertThat(progress.eventsTotal()).isNull();
        assertThat(progress.percentDone()).isNull();
        assertThat(progress.eventsPerSecond()).isNull();
        assertThat(progress.etaSeconds()).isNull();
        assertThat(progress.elapsedSeconds()).isEqualTo(3.0);
    }

    @Test
    void failingSegmentIsReported() {
        ReplayProgress progress = ReplayProgress.of("proxy-sessions", START, null, Duration.ofSeconds(1),
                OptionalLong.of(0), OptionalLong.of(100), OptionalLong.of(40), "java.lang.IllegalStateException: boom");

        assertThat(progress.state()).isEqualTo(ReplayProgress.ERROR);
        assertThat(progress.error()).contains("boom");
        assertThat(progress.eventsDone()).isEqualTo(40);
    }
}
