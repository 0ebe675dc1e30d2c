package io.proxyline.query.consistency;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Where readers wait for the projections to move on. Event processors wake them after every
 * committed batch (through {@link #batchInterceptor()}, or through this object as an
 * {@link EventTrackerStatusChangeListener} where a processor's configuration installs it).
 *
 * <p>The wake-ups are hints, not the condition. A tracking processor publishes its new position
 * just <em>after</em> its batch's commit callbacks run, so a waiter woken by the interceptor
 * re-checks a few times shortly after; and a batch of events a processor has no handler for
 * commits without invoking any interceptor, so a waiter also re-checks every {@code recheck}
 * interval.
 */
final class ProjectionProgress implements EventTrackerStatusChangeListener {
    private static final long FOLLOW_UP_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final int FOLLOW_UPS = 5;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final AtomicInteger waiters = new AtomicInteger();
    /** Guarded by {@code lock}. */
    private long signals;

    /** Wakes every waiter; costs processors nothing while no one waits. */
    void signal() {
        if (waiters.get() == 0) {
            return;
        }
        lock.lock();
        try {
            signals++;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code done} holds or the deadline passes. {@code done} is evaluated while
     * holding this monitor's lock, so it may keep state guarded by that lock.
     *
     * @return whether {@code done} held before the deadline
     */
    boolean await(BooleanSupplier done, long deadlineNanos, long recheckNanos) throws InterruptedException {
        waiters.incrementAndGet();
        lock.lock();
        try {
            long signalsSeen = signals;
            int followUps = 0;
            while (!done.getAsBoolean()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                if (signals != signalsSeen) {
                    signalsSeen = signals;
                    followUps = FOLLOW_UPS;
                }
                long wait = followUps > 0 ? Math.min(FOLLOW_UP_NANOS, recheckNanos) : recheckNanos;
                followUps = Math.max(0, followUps - 1);
                advanced.awaitNanos(Math.min(remaining, wait));
            }
            return true;
        } finally {
            lock.unlock();
            waiters.decrementAndGet();
        }
    }

    /** Signals after each committed batch (once per unit of work, not per event). */
    MessageHandlerInterceptor<EventMessage<?>> batchInterceptor() {
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                    throws Exception {
                if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isFirstMessage()) {
                    unitOfWork.afterCommit(committed -> signal());
                }
                return chain.proceed();
            }
        };
    }

    @Override
    public void onEventTrackerStatusChange(Map<Integer, EventTrackerStatus> updatedTrackerStatus) {
        signal();
    }

    @Override
    public boolean validatePositions() {
        return true;
    }
}
