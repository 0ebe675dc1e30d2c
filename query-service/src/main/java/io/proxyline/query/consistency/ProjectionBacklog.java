package io.proxyline.query.consistency;

import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.api.wire.WriteAdmission;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Sheds writes while the projections are too far behind to keep read-after-write: when the
 * slowest query-side processor segment is more than {@code maxBacklog} events behind the event
 * store's head, a write is refused with 503 ServiceUnavailable instead of being accepted and then
 * not readable within {@link ReadConsistency}'s timeout. The backlog is measured at most once per
 * {@code refresh} (one head lookup), not per request. Segments that are replaying (an operator's
 * replay) or failing are not counted: they are not what a client's next read waits for. Tokens
 * without a position (the MongoDB engine's) count as caught up, so that profile never sheds.
 */
public final class ProjectionBacklog implements WriteAdmission {
    private final Supplier<TrackingToken> head;
    private final Supplier<List<StreamingEventProcessor>> processors;
    private final long maxBacklog;
    private final long refreshNanos;
    private long measuredAt;
    private long backlog;
    private boolean measured;

    ProjectionBacklog(Supplier<TrackingToken> head, Supplier<List<StreamingEventProcessor>> processors,
                      long maxBacklog, long refreshMillis) {
        this.head = head;
        this.processors = processors;
        this.maxBacklog = maxBacklog;
        this.refreshNanos = TimeUnit.MILLISECONDS.toNanos(refreshMillis);
    }

    @Override
    public void admit() {
        long behind = backlog();
        if (behind > maxBacklog) {
            throw ProxyRejected.unavailable("The service is catching up with earlier writes (" + behind
                    + " events behind); retry shortly");
        }
    }

    /** Events between the store's head and the slowest counted processor segment, as last measured. */
    public synchronized long backlog() {
        long now = System.nanoTime();
        if (!measured || now - measuredAt >= refreshNanos) {
            backlog = measure();
            measuredAt = now;
            measured = true;
        }
        return backlog;
    }

    private long measure() {
        List<StreamingEventProcessor> watched = processors.get();
        if (watched.isEmpty()) return 0;
        TrackingToken top = head.get();
        OptionalLong headPosition = top == null ? OptionalLong.empty() : top.position();
        if (headPosition.isEmpty()) return 0;
        long worst = 0;
        for (StreamingEventProcessor processor : watched) {
            for (EventTrackerStatus status : processor.processingStatus().values()) {
                if (status.isErrorState() || status.isReplaying()) continue;
                TrackingToken token = status.getTrackingToken();
                long position = token == null ? -1 : token.position().orElse(headPosition.getAsLong());
                worst = Math.max(worst, headPosition.getAsLong() - position);
            }
        }
        return worst;
    }
}
