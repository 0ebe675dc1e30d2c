package io.proxyline.query.consistency;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Looks up the event store's head for many readers at once. A reader may only use a lookup that
 * started after it arrived (an earlier one could miss the write the reader has just seen
 * acknowledged), so readers join the next lookup that has not started yet; one runs at a time, on
 * a thread of its own, so readers can give up on a slow store without leaving work behind.
 */
final class HeadTokenLookups implements AutoCloseable {
    private final Supplier<TrackingToken> headToken;
    private final ExecutorService executor;
    private final Object lock = new Object();
    private CompletableFuture<Optional<TrackingToken>> pending;

    HeadTokenLookups(Supplier<TrackingToken> headToken) {
        this.headToken = headToken;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "proxyline-head-token");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The head as of a moment after this call; empty when the store has no events. */
    CompletableFuture<Optional<TrackingToken>> next() {
        synchronized (lock) {
            if (pending == null) {
                pending = new CompletableFuture<>();
                CompletableFuture<Optional<TrackingToken>> created = pending;
                try {
                    executor.execute(this::lookUp);
                } catch (RejectedExecutionException e) {
                    pending = null;
                    created.completeExceptionally(e);
                }
                return created;
            }
            return pending;
        }
    }

    private void lookUp() {
        CompletableFuture<Optional<TrackingToken>> joined;
        synchronized (lock) {
            // Everyone who joined until now arrived before this lookup starts; later arrivals
            // start the next one.
            joined = pending;
            pending = null;
        }
        if (joined == null) {
            return;
        }
        try {
            joined.complete(Optional.ofNullable(headToken.get()));
        } catch (RuntimeException e) {
            joined.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
