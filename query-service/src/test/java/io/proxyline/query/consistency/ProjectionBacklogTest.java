package io.proxyline.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ProjectionBacklogTest {
    private final AtomicLong head = new AtomicLong();
    private final StreamingEventProcessor sessions = mock(StreamingEventProcessor.class);
    private final StreamingEventProcessor history = mock(StreamingEventProcessor.class);
    private final ProjectionBacklog backlog = new ProjectionBacklog(
            () -> GapAwareTrackingToken.newInstance(head.get(), new TreeSet<>()), () -> List.of(sessions, history), 100, 0);

    @Test
    void writesAreAdmittedUpToTheBacklogAndRefusedWith503Beyond() {
        head.set(1_000);
        at(sessions, status(950, false, false));
        at(history, status(900, false, false));
        assertThat(backlog.backlog()).isEqualTo(100);
        assertThatCode(backlog::admit).doesNotThrowAnyException();

        at(history, status(899, false, false));
        assertThatThrownBy(backlog::admit).isInstanceOfSatisfying(ProxyRejected.class,
                e -> assertThat(e.code()).isEqualTo(AwsErrorCode.SERVICE_UNAVAILABLE));

        at(history, status(1_000, false, false));
        assertThatCode(backlog::admit).doesNotThrowAnyException();
    }

    @Test
    void replayingAndFailingSegmentsAndPositionlessTokensDoNotShed() {
        head.set(1_000);
        at(sessions, status(0, true, false));
        at(history, status(0, false, true));
        assertThat(backlog.backlog()).isZero();

        TrackingToken positionless = mock(TrackingToken.class);
        when(positionless.position()).thenReturn(java.util.OptionalLong.empty());
        EventTrackerStatus s = mock(EventTrackerStatus.class);
        when(s.getTrackingToken()).thenReturn(positionless);
        at(history, s);
        assertThat(backlog.backlog()).isZero();
    }

    @Test
    void aSegmentWithoutATokenCountsFromTheStart() {
        head.set(1_000);
        EventTrackerStatus fresh = mock(EventTrackerStatus.class);
        at(sessions, fresh);
        at(history, status(1_000, false, false));
        assertThat(backlog.backlog()).isEqualTo(1_001);
    }

    @Test
    void theBacklogIsMeasuredAtMostOncePerRefresh() {
        ProjectionBacklog cached = new ProjectionBacklog(
                () -> GapAwareTrackingToken.newInstance(head.get(), new TreeSet<>()), () -> List.of(sessions), 100, 60_000);
        head.set(10);
        at(sessions, status(10, false, false));
        assertThat(cached.backlog()).isZero();
        head.set(10_000);
        assertThat(cached.backlog()).isZero();
    }

    private static void at(StreamingEventProcessor p, EventTrackerStatus status) {
        when(p.processingStatus()).thenReturn(Map.of(0, status));
    }

    private static EventTrackerStatus status(long index, boolean replaying, boolean error) {
        EventTrackerStatus s = mock(EventTrackerStatus.class);
        when(s.getTrackingToken()).thenReturn(GapAwareTrackingToken.newInstance(index, new TreeSet<>()));
        when(s.isReplaying()).thenReturn(replaying);
        when(s.isErrorState()).thenReturn(error);
        return s;
    }
}
