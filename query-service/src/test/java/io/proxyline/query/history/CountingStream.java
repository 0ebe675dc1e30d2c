package io.proxyline.query.history;

import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/** A stream that counts the events taken from it. */
final class CountingStream implements DomainEventStream {
    private final DomainEventStream delegate;
    private final AtomicLong taken;

    CountingStream(DomainEventStream delegate, AtomicLong taken) {
        this.delegate = delegate;
        this.taken = taken;
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public DomainEventMessage<?> next() {
        taken.incrementAndGet();
        return delegate.next();
    }

    @Override
    public DomainEventMessage<?> peek() {
        return delegate.peek();
    }

    @Override
    public Long getLastSequenceNumber() {
        return delegate.getLastSequenceNumber();
    }
}
