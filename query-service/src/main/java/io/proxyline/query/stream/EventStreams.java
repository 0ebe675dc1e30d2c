package io.proxyline.query.stream;

import io.cloudevents.CloudEvent;
import io.proxyline.api.wire.AwsErrorCode;
import io.proxyline.api.wire.ProxyRejected;
import io.proxyline.query.consistency.ReadConsistency;
import io.proxyline.query.history.HistoryStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open event streams of this instance. Each one reads the event store from its own position
 * ({@link EventStore#openStream}) on a thread of its own, from a pool no larger than
 * {@code proxyline.events.max-streams}; one more stream is refused (429) rather than queued. A
 * stream ends when its client goes away (noticed at the latest at the next keep-alive write), when
 * the container gives up on the request, or when the application shuts down; its cursor is closed
 * and its slot returned in every case. Shutdown ends the streams first (this lifecycle's phase is
 * later than the web server's graceful shutdown), so that graceful shutdown does not wait for
 * subscribers that would never leave on their own.
 */
@Component
class EventStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    /** The longest a stream waits for the next event before it checks for cancellation and keep-alive. */
    private static final long MAX_POLL_MILLIS = 1_000;

    private final ObjectProvider<EventStore> eventStore;
    private final HistoryStore owners;
    private final ReadConsistency consistency;
    private final EventStreamProperties props;
    private final StreamPositions positions;
    private final Semaphore slots;
    private final ThreadPoolExecutor pool;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    EventStreams(ObjectProvider<EventStore> eventStore, HistoryStore owners, ReadConsistency consistency,
                 EventStreamProperties props, StreamPositions positions) {
        this.positions = positions;
        this.eventStore = eventStore;
        this.owners = owners;
        this.consistency = consistency;
        this.props = props;
        this.slots = new Semaphore(props.maxStreams());
        AtomicInteger threads = new AtomicInteger();
        // Never more threads than slots; a task waits in the queue only while a finished stream's thread returns.
        this.pool = new ThreadPoolExecutor(props.maxStreams(), props.maxStreams(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "event-stream-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Opens a stream for the subscription. The start is fixed here, on the request's thread, so
     * every event stored after the response's headers reached the client is delivered.
     *
     * @param from the position text the client sent ({@code Last-Event-ID} or {@code after}); null
     *     to start at the head (events stored from now on)
     * @param member the input member {@code from} came from, for a message about it
     */
    SseEmitter open(EventFilter subscription, String from, String member) {
        EventStore store = eventStore.getObject();
        Instant now = Instant.now();
        TrackingToken head = store.createHeadToken();
        boolean mongoStore = head instanceof MongoTrackingToken;
        StreamPosition start;
        if (from != null) {
            start = positions.decode(from, member, mongoStore);
        } else {
            start = new StreamPosition(mongoStore ? positions.mongoHead(now) : head);
        }
        if (!running) {
            throw new ProxyRejected(AwsErrorCode.SERVICE_UNAVAILABLE, "The service is shutting down");
        }
        if (!slots.tryAcquire()) {
            throw new ProxyRejected(AwsErrorCode.THROTTLED_CLIENT,
                    "Too many open event streams (" + props.maxStreams() + "); try again later");
        }
        try {
            // No timeout of its own: the stream lasts until the client leaves; keep-alives detect that.
            SseEmitter emitter = new SseEmitter(0L);
            Stream stream = new Stream(subscription, start, emitter);
            emitter.onCompletion(stream::cancel);
            emitter.onTimeout(stream::cancel);
            emitter.onError(e -> stream.cancel());
            open.add(stream);
            try {
                pool.execute(stream);
            } catch (RejectedExecutionException e) {
                open.remove(stream);
                throw new ProxyRejected(AwsErrorCode.SERVICE_UNAVAILABLE, "The service is shutting down");
            }
            return emitter;
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** How many streams are open now. */
    int openStreams() {
        return open.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream: its thread is interrupted, closes its cursor and completes the response. */
    @Override
    public void stop() {
        running = false;
        open.forEach(Stream::cancel);
        for (Runnable neverStarted : pool.shutdownNow()) {
            ((Stream) neverStarted).finish();
        }
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("{} event streams did not end within 5 s of shutdown", pool.getActiveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class Stream implements Runnable {
        private final EventFilter subscription;
        private final StreamPosition start;
        private final SseEmitter emitter;
        private final AccountEvents accountEvents;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile boolean cancelled;

        Stream(EventFilter subscription, StreamPosition start, SseEmitter emitter) {
            this.subscription = subscription;
            this.start = start;
            this.emitter = emitter;
            this.accountEvents = new AccountEvents(subscription, owners, consistency);
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public void run() {
            long keepAliveNanos = props.keepAlive().toNanos();
            int pollMillis = (int) Math.min(MAX_POLL_MILLIS, Math.max(1, props.keepAlive().toMillis()));
            try (BlockingStream<TrackedEventMessage<?>> events = eventStore.getObject().openStream(start.token())) {
                // An id without data: the client's Last-Event-ID becomes the start, so it resumes from here.
                SseEmitter.SseEventBuilder opened = SseEmitter.event().comment("open");
                positions.encode(start.token()).ifPresent(opened::id);
                emitter.send(opened);
                long lastWrite = System.nanoTime();
                TrackingToken passed = null;
                while (!cancelled) {
                    if (events.hasNextAvailable(pollMillis, TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> message = events.nextAvailable();
                        Optional<CloudEvent> event = accountEvents.select(message);
                        if (event.isPresent()) {
                            SseEmitter.SseEventBuilder sse = SseEmitter.event();
                            positions.encode(message.trackingToken()).ifPresent(sse::id);
                            emitter.send(sse.data(CloudEventRenderer.serialize(event.get())));
                            lastWrite = System.nanoTime();
                            passed = null;
                        } else {
                            passed = message.trackingToken();
                        }
                    }
                    if (System.nanoTime() - lastWrite >= keepAliveNanos) {
                        // Carries the position of the events passed over, so a reconnect does not read them again.
                        SseEmitter.SseEventBuilder keepAlive = SseEmitter.event().comment("keep-alive");
                        if (passed != null) {
                            positions.encode(passed).ifPresent(keepAlive::id);
                        }
                        emitter.send(keepAlive);
                        lastWrite = System.nanoTime();
                        passed = null;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("Event stream of account {} ended: {}", subscription.accountId(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Event stream of account {} failed; the client may resume from its last position",
                        subscription.accountId(), e);
            } finally {
                finish();
            }
        }

        /** Once, whether the stream ran or was still queued when the pool stopped. */
        void finish() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            open.remove(this);
            slots.release();
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // Already completed by the container (client gone or shutdown).
            }
        }
    }
}
