package io.proxyline.query.admin;

import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.ProcessingGroups;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query side's projections and their replays. A projection is the streaming event processor
 * that runs one or more of {@link ProcessingGroups#ALL}; it is named by the processor's name.
 *
 * <p>A replay stops the processor, resets its tokens to the event store's tail (Axon calls the
 * projections' {@code @ResetHandler}s, which drop their collections, and marks the tokens as a
 * replay up to where they were), and starts it again. The event store's head at that moment is the
 * replay's target; a sampler notes when every segment this instance has claimed has reached it.
 * Replays are tracked per instance, in memory.
 */
final class ProjectionReplays implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);
    private static final long SAMPLE_MILLIS = 20;

    private final Supplier<EventProcessingConfiguration> processing;
    private final Supplier<TrackingToken> head;
    private final Clock clock;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final Object replayLock = new Object();
    private final ScheduledExecutorService sampler;

    /**
     * @param processing Axon's processors, asked for lazily (they exist once Axon has started)
     * @param head the event store's head: the newest stored event's position
     */
    ProjectionReplays(Supplier<EventProcessingConfiguration> processing, Supplier<TrackingToken> head, Clock clock) {
        this.processing = processing;
        this.head = head;
        this.clock = clock;
        this.sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "proxyline-replay-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    ProjectionStatus.Overview overview() {
        TrackingToken headToken = head.get();
        List<ProjectionStatus> projections = new ArrayList<>();
        for (Assigned assigned : processors().values()) {
            projections.add(status(assigned, headToken));
        }
        return new ProjectionStatus.Overview(boxed(positionOf(headToken)), projections);
    }

    ProjectionStatus status(String name) {
        return status(find(name), head.get());
    }

    /**
     * Resets the projection and starts replaying it; returns once the processor runs again.
     *
     * @throws ProxyRejected NotFound for an unknown projection; Conflict when it cannot be reset,
     *     is already replaying here, or another instance holds one of its segments
     */
    ProjectionStatus replay(String name) {
        synchronized (replayLock) {
            Assigned assigned = find(name);
            StreamingEventProcessor processor = assigned.processor();
            if (!processor.supportsReset()) {
                throw ProxyRejected.conflict("Projection " + name + " cannot be reset");
            }
            Replay previous = replays.get(name);
            if (previous != null && !previous.sample(processor)) {
                throw ProxyRejected.conflict("Projection " + name + " is already being replayed");
            }
            log.info("Replaying projection {}: stopping its processor", name);
            processor.shutDown();
            Replay replay;
            try {
                // Read after the stop, so that the position the processor had reached is within the target.
                TrackingToken target = head.get();
                AtomicReference<TrackingToken> tail = new AtomicReference<>();
                Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> fromTail = source -> {
                    tail.set(source.createTailToken());
                    return tail.get();
                };
                processor.resetTokens(fromTail);
                replay = new Replay(name, clock.instant(), System.nanoTime(), positionOrZero(tail.get()), target);
                replays.put(name, replay);
            } catch (UnableToClaimTokenException e) {
                log.warn("Could not replay projection {}: {}", name, e.getMessage());
                throw ProxyRejected.conflict("Another instance holds a segment of projection " + name
                        + "; stop its processor there first");
            } finally {
                processor.start();
            }
            Replay started = replay;
            log.info("Replaying projection {} up to {}", name, started.target);
            started.sampling = sampler.scheduleWithFixedDelay(
                    () -> started.sampleQuietly(processor), SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
            return status(assigned, started.target);
        }
    }

    private Assigned find(String name) {
        Assigned assigned = processors().get(name);
        if (assigned == null) {
            throw ProxyRejected.notFound("No projection named " + name);
        }
        return assigned;
    }

    /** The streaming processors of the query side's groups, by name, in the order of the groups. */
    private Map<String, Assigned> processors() {
        EventProcessingConfiguration configuration = processing.get();
        Map<String, Assigned> byName = new LinkedHashMap<>();
        for (String group : ProcessingGroups.ALL) {
            Optional<EventProcessor> processor = configuration.eventProcessorByProcessingGroup(group);
            if (processor.isPresent() && processor.get() instanceof StreamingEventProcessor streaming) {
                byName.computeIfAbsent(streaming.getName(), n -> new Assigned(streaming, new ArrayList<>()))
                        .groups().add(group);
            }
        }
        return byName;
    }

    private ProjectionStatus status(Assigned assigned, TrackingToken headToken) {
        StreamingEventProcessor processor = assigned.processor();
        OptionalLong headPosition = positionOf(headToken);
        List<EventTrackerStatus> statuses = statuses(processor);
        List<ProjectionStatus.Segment> segments = new ArrayList<>(statuses.size());
        boolean caughtUp = !statuses.isEmpty();
        boolean error = processor.isError();
        boolean replaying = false;
        for (EventTrackerStatus status : statuses) {
            boolean reached = reached(status, headToken, headPosition);
            // As StreamingEventProcessor#isReplaying: Axon keeps the replay mark on a token that has
            // replayed everything until the next new event arrives.
            boolean segmentReplaying = status.isReplaying() && !status.isCaughtUp();
            caughtUp &= reached;
            error |= status.isErrorState();
            replaying |= segmentReplaying;
            segments.add(new ProjectionStatus.Segment(status.getSegment().getSegmentId(),
                    boxed(status.getCurrentPosition()), reached, segmentReplaying, errorOf(status)));
        }
        OptionalLong position = slowest(statuses);
        Long behind = position.isPresent() && headPosition.isPresent()
                ? Math.max(0, headPosition.getAsLong() - position.getAsLong())
                : null;
        Replay replay = replays.get(processor.getName());
        return new ProjectionStatus(processor.getName(), List.copyOf(assigned.groups()), processor.isRunning(), error,
                replaying, caughtUp, boxed(position), behind, segments,
                replay == null ? null : replay.progress(processor));
    }

    private static List<EventTrackerStatus> statuses(StreamingEventProcessor processor) {
        List<EventTrackerStatus> statuses = new ArrayList<>(processor.processingStatus().values());
        statuses.sort(Comparator.comparingInt(status -> status.getSegment().getSegmentId()));
        return statuses;
    }

    /** Whether the segment has handled everything up to {@code target} (no target: nothing to handle). */
    private static boolean reached(EventTrackerStatus status, TrackingToken target, OptionalLong targetPosition) {
        if (target == null) {
            return true;
        }
        OptionalLong position = status.getCurrentPosition();
        if (position.isPresent() && targetPosition.isPresent()) {
            return position.getAsLong() >= targetPosition.getAsLong();
        }
        TrackingToken token = status.getTrackingToken();
        try {
            return token != null && token.covers(target);
        } catch (IllegalArgumentException e) {
            // A token of another kind than the store's: there is no telling.
            return false;
        }
    }

    /** The slowest segment's position; empty when no segment is claimed or one has no position. */
    private static OptionalLong slowest(List<EventTrackerStatus> statuses) {
        if (statuses.isEmpty()) {
            return OptionalLong.empty();
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses) {
            OptionalLong position = status.getCurrentPosition();
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            slowest = Math.min(slowest, position.getAsLong());
        }
        return OptionalLong.of(slowest);
    }

    private static String errorOf(EventTrackerStatus status) {
        if (!status.isErrorState()) {
            return null;
        }
        return status.getError() == null ? "unknown error" : status.getError().toString();
    }

    private static OptionalLong positionOf(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }

    /** An empty store has neither tail nor head; a processor starts before position 0 there. */
    private static OptionalLong positionOrZero(TrackingToken token) {
        return token == null ? OptionalLong.of(0) : token.position();
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private record Assigned(StreamingEventProcessor processor, List<String> groups) {}

    /** One replay started on this instance. */
    private final class Replay {
        final String processor;
        final Instant startedAt;
        final long startNanos;
        final OptionalLong from;
        final TrackingToken target;
        final OptionalLong targetPosition;
        volatile ScheduledFuture<?> sampling;
        /** Guarded by this; set once. */
        private Instant finishedAt;
        private long finishedNanos;
        private OptionalLong finalPosition = OptionalLong.empty();

        Replay(String processor, Instant startedAt, long startNanos, OptionalLong from, TrackingToken target) {
            this.processor = processor;
            this.startedAt = startedAt;
            this.startNanos = startNanos;
            this.from = from;
            this.target = target;
            this.targetPosition = positionOrZero(target);
        }

        /** Notes the end once every claimed segment has reached the target; returns whether it has ended. */
        synchronized boolean sample(StreamingEventProcessor streaming) {
            if (finishedAt != null) {
                return true;
            }
            List<EventTrackerStatus> statuses = statuses(streaming);
            if (statuses.isEmpty() || !statuses.stream()
                    .allMatch(status -> !status.isErrorState() && reached(status, target, targetPosition))) {
                return false;
            }
            finishedNanos = System.nanoTime();
            finishedAt = clock.instant();
            finalPosition = slowest(statuses);
            ScheduledFuture<?> scheduled = sampling;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            ReplayProgress done = progress(streaming);
            log.info("Replayed projection {}: {} events in {} s ({} events/s)",
                    processor, done.eventsDone(), done.elapsedSeconds(), done.eventsPerSecond());
            return true;
        }

        void sampleQuietly(StreamingEventProcessor streaming) {
            try {
                sample(streaming);
            } catch (RuntimeException e) {
                // A failure here would cancel the sampling for good; the next report samples again.
                log.debug("Could not sample the replay of {}", processor, e);
            }
        }

        synchronized ReplayProgress progress(StreamingEventProcessor streaming) {
            if (finishedAt == null) {
                sample(streaming);
            }
            if (finishedAt != null) {
                return ReplayProgress.of(processor, startedAt, finishedAt, Duration.ofNanos(finishedNanos - startNanos),
                        from, targetPosition, finalPosition, null);
            }
            List<EventTrackerStatus> statuses = statuses(streaming);
            String error = statuses.stream().map(ProjectionReplays::errorOf).filter(e -> e != null).findFirst()
                    .orElse(null);
            return ReplayProgress.of(processor, startedAt, null, Duration.ofNanos(System.nanoTime() - startNanos),
                    from, targetPosition, slowest(statuses), error);
        }
    }
}
