package io.proxyline.command;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.AxonTransientException;

/**
 * Retries a command only when it lost a race that a fresh attempt can win: an optimistic
 * concurrency conflict on an aggregate's event sequence, or another transient store refusal.
 * Axon's stock schedulers retry every exception not marked non-transient, which would replay
 * rule violations (a 400) for seconds. Back-off is exponential with full jitter so competing
 * writers (threads or command-service instances) spread out instead of colliding again.
 */
final class ConflictRetryScheduler implements RetryScheduler {
    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long baseMillis;

    ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, long baseMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.baseMillis = baseMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() > maxRetries || !transientConflict(lastFailure)) return false;
        long ceiling = baseMillis << Math.min(failures.size() - 1, 6);
        executor.schedule(commandDispatch, ThreadLocalRandom.current().nextLong(ceiling + 1), TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean transientConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AxonTransientException) return true;
        }
        return false;
    }
}
