package io.proxyline.query.consistency;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-after-write for a read model fed by asynchronous event processors: before a read endpoint
 * answers, it waits (bounded) until every query-side processor has handled everything the event
 * store held when the request arrived. A client that got a write's response before sending its
 * read therefore sees that write. On timeout the read is answered anyway: a stale answer beats an
 * error.
 *
 * <p>"Handled" means each of the processor's segments claimed by this instance has a token that
 * {@link TrackingToken#covers covers} the head, with one allowance: the JDBC store's tokens keep
 * <em>gaps</em>, global indexes the processor skipped because they were not committed when it
 * read past them. A rolled-back insert leaves a gap that never fills and that Axon keeps in the
 * token for up to thousands of events, during which no token would cover a gap-free head. A gap
 * that has stayed open for {@code gapGrace} is therefore taken as rolled back: a committed event
 * in a gap is fetched by the processor's next poll, well within that time.
 */
public class ReadConsistency implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadConsistency.class);
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final HeadTokenLookups heads;
    private final Supplier<List<StreamingEventProcessor>> processors;
    private final ProjectionProgress progress;
    private final Duration timeout;
    private final long gapGraceNanos;
    /** When each open gap was first seen, per processor segment; guarded by {@code progress}' lock. */
    private final Map<String, Map<Long, Long>> gapsFirstSeen = new HashMap<>();
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

    ReadConsistency(
            Supplier<TrackingToken> headToken,
            Supplier<List<StreamingEventProcessor>> processors,
            ProjectionProgress progress,
            Duration timeout,
            Duration gapGrace) {
        this.heads = new HeadTokenLookups(headToken);
        this.processors = processors;
        this.progress = progress;
        this.timeout = timeout;
        this.gapGraceNanos = gapGrace.toNanos();
    }

    /** Returns once the projections have caught up with the store as of this call, or the timeout passed. */
    public void awaitCaughtUp() {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<StreamingEventProcessor> watched = processors.get();
        if (watched.isEmpty()) {
            return;
        }
        try {
            Optional<TrackingToken> head = heads.next().get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (head.isEmpty()) {
                return;
            }
            if (!progress.await(() -> allCover(watched, head.get()), deadline, RECHECK_NANOS)) {
                warn("Projections did not reach {} within {}; answering from the read model as it is", head.get(), timeout);
            }
        } catch (TimeoutException e) {
            warn("The event store's head was not known within {}; answering from the read model as it is", timeout);
        } catch (ExecutionException e) {
            warn("Could not read the event store's head ({}); answering from the read model as it is", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean allCover(List<StreamingEventProcessor> watched, TrackingToken head) {
        long now = System.nanoTime();
        for (StreamingEventProcessor processor : watched) {
            // Only the segments this instance has claimed are visible here.
            for (EventTrackerStatus status : processor.processingStatus().values()) {
                // A failing segment retries with a back-off of seconds; waiting for it would only
                // slow every read down while it cannot be helped.
                if (status.isErrorState()) {
                    continue;
                }
                String segment = processor.getName() + "#" + status.getSegment().getSegmentId();
                if (!covers(segment, status.getTrackingToken(), head, now)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean covers(String segment, TrackingToken position, TrackingToken head, long now) {
        if (position == null) {
            return false;
        }
        try {
            if (position.covers(head)) {
                return true;
            }
        } catch (IllegalArgumentException e) {
            // The processor reads another source than the event store; its position cannot be
            // compared, so there is nothing to wait for.
            return true;
        }
        Optional<GapAwareTrackingToken> gapAware = WrappedToken.unwrap(position, GapAwareTrackingToken.class);
        Optional<GapAwareTrackingToken> target = WrappedToken.unwrap(head, GapAwareTrackingToken.class);
        if (gapAware.isEmpty() || target.isEmpty() || gapAware.get().getIndex() < target.get().getIndex()) {
            return false;
        }
        SortedSet<Long> gaps = gapAware.get().getGaps();
        Map<Long, Long> firstSeen = gapsFirstSeen.computeIfAbsent(segment, key -> new HashMap<>());
        firstSeen.keySet().retainAll(gaps);
        boolean allStale = true;
        for (Long gap : gaps.headSet(target.get().getIndex() + 1)) {
            if (!target.get().getGaps().contains(gap) && now - firstSeen.computeIfAbsent(gap, g -> now) < gapGraceNanos) {
                allStale = false;
            }
        }
        return allStale;
    }

    /**
     * Optional, for whoever configures the tracking processors: installed with
     * {@code TrackingEventProcessorConfiguration#andEventTrackerStatusChangeListener}, it wakes
     * readers exactly when a processor publishes a new position, including after batches of events
     * no query projection handles.
     */
    public EventTrackerStatusChangeListener trackerStatusListener() {
        return progress;
    }

    /** At most one warning per interval: during a replay every read would time out. */
    private void warn(String message, Object... args) {
        long now = System.nanoTime();
        long next = nextWarning.get();
        if (now - next >= 0 && nextWarning.compareAndSet(next, now + WARNING_INTERVAL_NANOS)) {
            log.warn(message, args);
        } else {
            log.debug(message, args);
        }
    }

    @Override
    public void close() {
        heads.close();
    }
}
